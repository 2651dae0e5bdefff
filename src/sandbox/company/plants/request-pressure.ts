import type { SeedPerson } from '../../seed.js';
import { impactUrgency, jiraDraft, snDraft } from '../build.js';
import type { BuildContext, Draft, PlantTag } from '../build.js';
import { GOAL_SPECS, goalSpec } from '../org.js';
import type { AssignmentGroup, GoalKey, JiraProjectKey } from '../org.js';
import type { Random } from '../random.js';
import { settle } from '../timeline.js';
import type { Lifecycle, Status } from '../timeline.js';
import type { DaysAgo, PlantSpec } from './common.js';
import { isJiraTeam, plantedLife } from './common.js';
import type { Counts } from './counts.js';

interface PressureTeam {
  team: JiraProjectKey | AssignmentGroup;
  control: boolean;
}

const PRESSURE_TEAMS: readonly PressureTeam[] = [
  { team: 'OPS', control: false },
  { team: 'DATA', control: true },
  { team: 'End User Computing', control: false },
  { team: 'Enterprise Applications', control: true },
];

/**
 * In each pressured team, urgent rank-and-file requests for no goal or a minor one, in progress or
 * resolved in the window, while top-two goal work waits in todo; in each control team, the same
 * waiting work beside urgent requests that come from executives or are not started.
 */
export function requestPressure(plants: PlantSpec[], rng: Random, counts: Counts, daysAgo: DaysAgo): void {
  const teams = PRESSURE_TEAMS.slice(0, 2 * counts.pressureTeams);
  const topGoals = GOAL_SPECS.filter((g) => g.rank <= 2).map((g) => g.id);
  const lowGoals = GOAL_SPECS.filter((g) => g.rank > 2).map((g) => g.id);

  for (const { team, control } of teams) {
    const tag = (role: 'urgent' | 'waiting' | 'control'): PlantTag[] => [{ kind: 'pressure', team, role }];
    const waiting = control ? counts.controlWaiting : counts.waiting;
    for (let i = 0; i < waiting; i++) {
      const goal = topGoals[i % topGoals.length]!;
      const created = daysAgo(8, 60);
      const id = `pressure-${team}-waiting-${i}`;
      const build = (ctx: BuildContext): Draft =>
        goalWork(ctx, team, goal, created, {
          life: settle(ctx.rng, created, 'todo', ctx.tl.now),
          requester: ctx.rng.chance(0.5) ? ctx.pick.executive() : ctx.pick.rankAndFile(),
          priority: ctx.rng.pick([2, 3]),
          tags: tag(control ? 'control' : 'waiting'),
          plantId: id,
        });
      plants.push({ id, created, build });
    }
    const urgent = control ? counts.controlUrgent : counts.urgent;
    for (let i = 0; i < urgent; i++) {
      const created = daysAgo(3, 24);
      const id = `pressure-${team}-urgent-${i}`;
      const low = !control && rng.chance(0.35) ? lowGoals[i % lowGoals.length]! : null;
      const build = (ctx: BuildContext): Draft => {
        const priority = ctx.rng.pick([1, 2]);
        const common = {
          priority,
          tags: tag(control ? 'control' : 'urgent'),
          plantId: id,
          effortScale: 1.5,
        };
        // A control team's urgent requests come from executives, or wait in todo.
        const byExecutive = control && i % 2 === 0;
        const status: Status = control && !byExecutive ? 'todo' : ctx.rng.chance(0.6) ? 'doing' : 'done';
        const requester = byExecutive ? ctx.pick.executive() : ctx.pick.businessPerson();
        const life = plantedLife(ctx, created, status);
        const draft =
          low !== null
            ? goalWork(ctx, team, low, created, { ...common, life, requester })
            : unalignedWork(ctx, team, created, { ...common, life, requester });
        if (ctx.rng.chance(0.4)) draft.ticket.title = `URGENT: ${draft.ticket.title}`;
        return draft;
      };
      plants.push({ id, created, build });
    }
  }
}

interface Extra {
  life: Lifecycle;
  requester: SeedPerson;
  priority: number;
  tags: PlantTag[];
  plantId: string;
  effortScale?: number;
}

/** Work for `goal` in `team` with explicit evidence: the goal's label in Jira, its service in ServiceNow. */
function goalWork(ctx: BuildContext, team: string, goal: GoalKey, created: number, extra: Extra): Draft {
  const spec = goalSpec(goal);
  if (isJiraTeam(team)) {
    return jiraDraft(ctx, {
      ...extra,
      project: team,
      type: ctx.rng.chance(0.6) ? 'Story' : 'Task',
      theme: goal,
      textGoal: goal,
      created,
      labels: [spec.jira.labels[0]!],
    });
  }
  const service = spec.servicenow.businessServices[0] ?? null;
  return snDraft(ctx, {
    ...extra,
    ...impactUrgency(extra.priority, ctx.rng),
    table: 'sc_req_item',
    group: team,
    theme: goal,
    textGoal: goal,
    created,
    service,
    category: 'software',
  });
}

/** Work for no goal in `team`: a side project in Jira, an everyday request in ServiceNow. */
function unalignedWork(ctx: BuildContext, team: string, created: number, extra: Extra): Draft {
  if (isJiraTeam(team)) {
    return jiraDraft(ctx, {
      ...extra,
      project: team,
      type: ctx.rng.chance(0.5) ? 'Story' : 'Task',
      theme: 'noise',
      textGoal: null,
      created,
    });
  }
  return snDraft(ctx, {
    ...extra,
    ...impactUrgency(extra.priority, ctx.rng),
    table: 'sc_req_item',
    group: team,
    theme: ctx.rng.chance(0.6) ? 'ops' : 'noise',
    textGoal: null,
    created,
    category: 'hardware',
  });
}
