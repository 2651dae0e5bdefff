import type { SeedJiraType, SeedSnTable, SeedTicket } from '../seed.js';
import { jiraDraft, snDraft } from './build.js';
import type { BuildContext, Draft, ParentRef } from './build.js';
import {
  GOAL_IDS,
  GOAL_SPECS,
  JIRA_PROJECTS,
  NEUTRAL_SERVICES,
  RUN_LABELS,
  goalOfGroup,
  goalOfProject,
  goalSpec,
} from './org.js';
import type { AssignmentGroup, GoalKey, JiraProjectKey, RunLabel } from './org.js';
import type { ThemeId } from './text/index.js';

/**
 * Ordinary tickets: each team's usual mix of goal work, run work and work for no goal. Epics,
 * stories and demands recently opened are kept in small pools so later tickets can hang under
 * them; the pools are bounded, so memory does not grow with the number of tickets.
 */

type Weights<T> = readonly (readonly [T, number])[];

const PROJECT_WEIGHTS: Weights<JiraProjectKey> = [
  ['SHOP', 20],
  ['STORE', 14],
  ['SCM', 12],
  ['CRM', 10],
  ['OPS', 26],
  ['DATA', 18],
];

const PROJECT_THEMES: Readonly<Record<JiraProjectKey, Weights<ThemeId>>> = {
  SHOP: [
    ['digital-revenue', 86],
    ['security', 5],
    ['patching', 4],
    ['compliance', 5],
  ],
  STORE: [
    ['store-modernisation', 86],
    ['security', 5],
    ['patching', 6],
    ['compliance', 3],
  ],
  SCM: [
    ['supply-chain', 90],
    ['security', 4],
    ['patching', 4],
    ['compliance', 2],
  ],
  CRM: [
    ['customer-360', 88],
    ['security', 4],
    ['compliance', 8],
  ],
  OPS: [
    ['data-centre-exit', 20],
    ['store-modernisation', 7],
    ['digital-revenue', 4],
    ['supply-chain', 3],
    ['security', 14],
    ['patching', 16],
    ['compliance', 5],
    ['noise', 23],
    ['ops', 8],
  ],
  DATA: [
    ['digital-revenue', 15],
    ['supply-chain', 15],
    ['customer-360', 15],
    ['store-modernisation', 6],
    ['data-centre-exit', 2],
    ['noise', 34],
    ['security', 3],
    ['compliance', 5],
    ['ops', 5],
  ],
};

const TABLE_WEIGHTS: Weights<SeedSnTable> = [
  ['incident', 44],
  ['sc_req_item', 30],
  ['change_request', 12],
  ['dmn_demand', 7],
  ['pm_project', 7],
];

const INCIDENT_GROUPS: Weights<AssignmentGroup> = [
  ['Service Desk', 34],
  ['End User Computing', 14],
  ['Network Operations', 10],
  ['Database Administration', 4],
  ['IT Security', 6],
  ['Enterprise Applications', 4],
  ['Cloud Platform', 4],
  ['Web Commerce', 8],
  ['Store Systems', 9],
  ['Supply Chain Apps', 4],
  ['CRM Team', 3],
];
const REQUEST_GROUPS: Weights<AssignmentGroup> = [
  ['Service Desk', 26],
  ['End User Computing', 30],
  ['Enterprise Applications', 10],
  ['Network Operations', 4],
  ['Web Commerce', 7],
  ['Store Systems', 8],
  ['Supply Chain Apps', 5],
  ['CRM Team', 5],
  ['Cloud Platform', 5],
];
const CHANGE_GROUPS: Weights<AssignmentGroup> = [
  ['Network Operations', 22],
  ['Cloud Platform', 16],
  ['Database Administration', 10],
  ['Web Commerce', 10],
  ['Store Systems', 10],
  ['Supply Chain Apps', 6],
  ['End User Computing', 6],
  ['CRM Team', 3],
  ['Enterprise Applications', 3],
];
const DEMAND_GROUPS: Weights<AssignmentGroup> = [
  ['Enterprise Applications', 30],
  ['Web Commerce', 14],
  ['Store Systems', 14],
  ['Supply Chain Apps', 14],
  ['CRM Team', 14],
  ['Cloud Platform', 14],
];
/** Which goal ordinary work for a goal in a neutral team serves. */
const GOAL_WEIGHTS: Weights<GoalKey> = [
  ['digital-revenue', 30],
  ['store-modernisation', 25],
  ['supply-chain', 20],
  ['customer-360', 15],
  ['data-centre-exit', 10],
];

const GOAL_COMPONENTS = new Set(GOAL_SPECS.flatMap((g) => g.jira.components));
const isGoal = (theme: ThemeId): theme is GoalKey => (GOAL_IDS as readonly string[]).includes(theme);
const isRun = (theme: ThemeId): theme is RunLabel => (RUN_LABELS as readonly string[]).includes(theme);
const serviceOf = (goal: GoalKey): string | null => goalSpec(goal).servicenow.businessServices[0] ?? null;

interface PoolEntry extends ParentRef {
  theme: ThemeId;
  textGoal: GoalKey | null;
  group: string;
  status: SeedTicket['status'];
}

/** The last `capacity` entries pushed. */
class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  private readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }
  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }
  filter(keep: (item: T) => boolean): T[] {
    return this.items.filter(keep);
  }
}

export class Background {
  private readonly epics = new Map<string, Ring<PoolEntry>>();
  private readonly anchors = new Map<string, PoolEntry[]>();
  private readonly stories = new Map<string, Ring<PoolEntry>>();
  private readonly demands = new Ring<PoolEntry>(40);

  private readonly ctx: BuildContext;

  constructor(ctx: BuildContext) {
    this.ctx = ctx;
    for (const p of JIRA_PROJECTS) {
      this.epics.set(p.key, new Ring(10));
      this.stories.set(p.key, new Ring(40));
    }
  }

  /** The next ordinary ticket, created at `created`. */
  next(created: number): Draft {
    return this.ctx.rng.chance(0.55) ? this.jira(created) : this.servicenow(created);
  }

  /** Remembers an emitted ticket that later tickets may hang under. */
  register(draft: Draft, goal: string): void {
    const t = draft.ticket;
    if (isRun(draft.theme) || draft.theme === 'ops') return;
    const entry = (key: string, group: string, epicKey: string | null): PoolEntry => ({
      key,
      goal,
      epicKey,
      bindings: draft.bindings,
      theme: draft.theme,
      textGoal: draft.textGoal,
      group,
      status: t.status,
    });
    if (t.system === 'jira') {
      const e = entry(t.key, t.project, t.issueType === 'Epic' ? null : t.epicKey);
      if (draft.tags.some((tag) => tag.kind === 'anchor')) {
        this.anchors.set(t.project, [...(this.anchors.get(t.project) ?? []), e]);
      } else if (t.issueType === 'Epic') {
        this.epics.get(t.project)!.push(e);
      } else if (t.issueType !== 'Sub-task' && draft.plantId === null) {
        this.stories.get(t.project)!.push(e);
      }
    } else if (t.table === 'dmn_demand' && draft.plantId === null) {
      this.demands.push(entry(t.number, t.assignmentGroup, null));
    }
  }

  /**
   * An open epic of `theme` in `project` to file new work under, or null: one of the team's recent
   * epics when it has some, now and then the long-running anchor epic the goals file names.
   */
  private epicFor(project: string, theme: ThemeId, share: number): PoolEntry | null {
    const { rng } = this.ctx;
    const open = (e: PoolEntry): boolean => e.theme === theme && e.status !== 'done';
    const own = this.epics.get(project)!.filter(open);
    if (own.length > 0) return rng.chance(share) ? rng.pick(own) : null;
    const anchors = (this.anchors.get(project) ?? []).filter(open);
    return anchors.length > 0 && rng.chance(share / 3) ? rng.pick(anchors) : null;
  }

  private jira(created: number): Draft {
    const { rng } = this.ctx;
    const project = rng.weighted(PROJECT_WEIGHTS);
    const theme = rng.weighted(PROJECT_THEMES[project]);
    const projectComponents = JIRA_PROJECTS.find((p) => p.key === project)!.components as readonly string[];
    const mapped = goalOfProject(project);
    const neutralComponents = projectComponents.filter(
      (c) => !GOAL_COMPONENTS.has(c) || (mapped !== null && goalSpec(mapped).jira.components.includes(c)),
    );
    const someComponent = (p: number): string[] =>
      neutralComponents.length > 0 && rng.chance(p) ? [rng.pick(neutralComponents)] : [];

    if (isRun(theme) || theme === 'ops') {
      const type: SeedJiraType = rng.chance(0.6) ? 'Task' : 'Bug';
      const labels = isRun(theme) ? [theme] : [];
      return jiraDraft(this.ctx, {
        project,
        type,
        theme,
        textGoal: null,
        created,
        labels,
        components: someComponent(0.5),
      });
    }

    let type = rng.weighted<SeedJiraType>([
      ['Story', 42],
      ['Task', 22],
      ['Bug', 20],
      ['Sub-task', 10],
      ['Epic', mapped === null ? 7 : 3],
    ]);
    if (type === 'Sub-task') {
      const parents = this.stories.get(project)!.filter((s) => s.theme === theme && s.status !== 'done');
      if (parents.length > 0) {
        const parent = rng.pick(parents);
        return jiraDraft(this.ctx, { project, type, theme, textGoal: parent.textGoal, created, parent });
      }
      type = 'Story';
    }
    const textGoal = isGoal(theme) ? theme : null;
    const effortScale = theme === 'noise' ? 1.5 : 1;
    if (type === 'Epic') {
      const labels =
        isGoal(theme) && mapped !== theme && rng.chance(0.6) ? [goalSpec(theme).jira.labels[0]!] : [];
      return jiraDraft(this.ctx, { project, type, theme, textGoal, created, labels });
    }
    const epic = this.epicFor(project, theme, mapped === theme || theme === 'noise' ? 0.4 : 0.6);
    if (epic !== null) {
      return jiraDraft(this.ctx, {
        project,
        type,
        theme,
        textGoal,
        created,
        epic,
        components: someComponent(0.3),
        effortScale,
      });
    }
    if (!isGoal(theme) || mapped === theme) {
      return jiraDraft(this.ctx, {
        project,
        type,
        theme,
        textGoal,
        created,
        components: someComponent(0.5),
        effortScale,
      });
    }
    // Goal work in a neutral project: a goal label, a goal component, or only the words.
    const spec = goalSpec(theme);
    const x = rng.next();
    if (x < 0.3)
      return jiraDraft(this.ctx, { project, type, theme, textGoal, created, labels: [spec.jira.labels[0]!] });
    if (x < 0.6 && projectComponents.includes(spec.jira.components[0]!)) {
      return jiraDraft(this.ctx, {
        project,
        type,
        theme,
        textGoal,
        created,
        components: [spec.jira.components[0]!],
      });
    }
    return jiraDraft(this.ctx, { project, type, theme, textGoal, created, components: someComponent(0.4) });
  }

  private servicenow(created: number): Draft {
    const table = this.ctx.rng.weighted(TABLE_WEIGHTS);
    switch (table) {
      case 'incident':
        return this.incident(created);
      case 'sc_req_item':
        return this.request(created);
      case 'change_request':
        return this.change(created);
      case 'dmn_demand':
        return this.demand(created);
      case 'pm_project':
        return this.project(created);
    }
  }

  private incident(created: number): Draft {
    const { rng } = this.ctx;
    const group = rng.weighted(INCIDENT_GROUPS);
    const mapped = goalOfGroup(group);
    let theme: ThemeId;
    if (group === 'IT Security') theme = 'security';
    else if (mapped !== null) theme = rng.chance(0.85) ? mapped : 'ops';
    else
      theme = rng.weighted<ThemeId>([
        [rng.weighted(GOAL_WEIGHTS), 35],
        ['ops', 55],
        ['security', 10],
      ]);
    const goalService = isGoal(theme) ? serviceOf(theme) : null;
    if (isGoal(theme) && goalService === null) theme = 'ops';
    const service = isGoal(theme) ? goalService : rng.chance(0.7) ? rng.pick(NEUTRAL_SERVICES) : null;
    const category =
      theme === 'security'
        ? 'security'
        : theme === 'ops'
          ? rng.pick(['software', 'hardware', 'network', 'inquiry', 'database'])
          : rng.pick(['software', 'hardware', 'network']);
    return snDraft(this.ctx, { table: 'incident', group, theme, textGoal: null, created, service, category });
  }

  private request(created: number): Draft {
    const { rng } = this.ctx;
    const group = rng.weighted(REQUEST_GROUPS);
    const mapped = goalOfGroup(group);
    const category = rng.pick(['software', 'hardware', 'access']);
    if (mapped !== null) {
      const service = rng.chance(0.5) ? serviceOf(mapped) : null;
      return snDraft(this.ctx, {
        table: 'sc_req_item',
        group,
        theme: mapped,
        textGoal: mapped,
        created,
        service,
        category,
      });
    }
    const kind = rng.weighted([
      ['ops', 42],
      ['noise', 10],
      ['text', 30],
      ['service', 13],
      ['security', 5],
    ] as const);
    if (kind === 'ops' || kind === 'noise') {
      return snDraft(this.ctx, {
        table: 'sc_req_item',
        group,
        theme: kind,
        textGoal: null,
        created,
        category,
        effortScale: kind === 'noise' ? 1.5 : 1,
      });
    }
    if (kind === 'security') {
      return snDraft(this.ctx, {
        table: 'sc_req_item',
        group,
        theme: 'security',
        textGoal: null,
        created,
        category: 'security',
      });
    }
    const goal = rng.weighted(GOAL_WEIGHTS);
    const service = kind === 'service' ? serviceOf(goal) : null;
    return snDraft(this.ctx, {
      table: 'sc_req_item',
      group,
      theme: goal,
      textGoal: goal,
      created,
      service,
      category,
    });
  }

  private change(created: number): Draft {
    const { rng } = this.ctx;
    if (rng.chance(0.35)) {
      const theme = rng.weighted<RunLabel>([
        ['patching', 50],
        ['security', 35],
        ['compliance', 15],
      ]);
      const group: AssignmentGroup =
        theme === 'patching'
          ? rng.pick([
              'Network Operations',
              'Cloud Platform',
              'Database Administration',
              'End User Computing',
            ])
          : rng.pick(['IT Security', 'IT Security', 'Database Administration']);
      return snDraft(this.ctx, {
        table: 'change_request',
        group,
        theme,
        textGoal: null,
        created,
        category: theme,
      });
    }
    const group = rng.weighted(CHANGE_GROUPS);
    const mapped = goalOfGroup(group);
    const category = rng.pick(['hardware', 'software', 'network', 'database']);
    if (mapped !== null) {
      return snDraft(this.ctx, {
        table: 'change_request',
        group,
        theme: mapped,
        textGoal: mapped,
        created,
        category,
      });
    }
    const kind = rng.weighted([
      ['ops', 55],
      ['service', 25],
      ['text', 20],
    ] as const);
    if (kind === 'ops') {
      return snDraft(this.ctx, {
        table: 'change_request',
        group,
        theme: 'ops',
        textGoal: null,
        created,
        category,
      });
    }
    const goal = rng.weighted(GOAL_WEIGHTS);
    const service = kind === 'service' ? serviceOf(goal) : null;
    return snDraft(this.ctx, {
      table: 'change_request',
      group,
      theme: goal,
      textGoal: goal,
      created,
      service,
      category,
    });
  }

  private demand(created: number): Draft {
    const { rng } = this.ctx;
    const group = rng.weighted(DEMAND_GROUPS);
    const mapped = goalOfGroup(group);
    if (mapped !== null) {
      return snDraft(this.ctx, {
        table: 'dmn_demand',
        group,
        theme: mapped,
        textGoal: mapped,
        created,
        category: 'strategic',
      });
    }
    const kind = rng.weighted([
      ['text', 40],
      ['noise', 35],
      ['compliance', 25],
    ] as const);
    if (kind === 'noise') {
      return snDraft(this.ctx, {
        table: 'dmn_demand',
        group,
        theme: 'noise',
        textGoal: null,
        created,
        category: 'operational',
        effortScale: 1.5,
      });
    }
    if (kind === 'compliance') {
      return snDraft(this.ctx, {
        table: 'dmn_demand',
        group,
        theme: 'compliance',
        textGoal: null,
        created,
        category: 'compliance',
      });
    }
    const goal = rng.weighted(GOAL_WEIGHTS);
    return snDraft(this.ctx, {
      table: 'dmn_demand',
      group,
      theme: goal,
      textGoal: goal,
      created,
      category: 'strategic',
    });
  }

  private project(created: number): Draft {
    const { rng } = this.ctx;
    const demands = this.demands.filter(() => true);
    if (demands.length > 0 && rng.chance(0.7)) {
      const parent = rng.pick(demands);
      const group = rng.chance(0.5) ? parent.group : 'Enterprise Applications';
      return snDraft(this.ctx, {
        table: 'pm_project',
        group,
        theme: parent.theme,
        textGoal: parent.textGoal,
        created,
        parent,
        effortScale: parent.theme === 'noise' ? 1.5 : 1,
      });
    }
    const group = rng.weighted(DEMAND_GROUPS);
    const mapped = goalOfGroup(group);
    const theme: ThemeId = mapped ?? (rng.chance(0.5) ? rng.weighted(GOAL_WEIGHTS) : 'noise');
    return snDraft(this.ctx, {
      table: 'pm_project',
      group,
      theme,
      textGoal: isGoal(theme) ? theme : null,
      created,
      effortScale: theme === 'noise' ? 1.5 : 1,
    });
  }
}
