import { jiraDraft } from '../build.js';
import { GOAL_SPECS, JIRA_PROJECTS } from '../org.js';
import { DAY, HOUR, settle } from '../timeline.js';
import type { PlantSpec } from './common.js';
import type { PlanOptions } from './common.js';

export function anchors(plants: PlantSpec[], options: PlanOptions): void {
  GOAL_SPECS.forEach((goal, i) => {
    // The goal's components its project has, so every component a goal rule names is in use
    // however few ordinary tickets a seed files under it.
    const project = JIRA_PROJECTS.find((p) => p.key === goal.anchorEpic.project)!;
    const components = goal.jira.components.filter((c) =>
      (project.components as readonly string[]).includes(c),
    );
    const created = options.tl.start - 30 * DAY + i * HOUR;
    plants.push({
      id: `anchor-${goal.id}`,
      created,
      build: (ctx) =>
        jiraDraft(ctx, {
          project: goal.anchorEpic.project,
          type: 'Epic',
          theme: goal.id,
          textGoal: goal.id,
          created,
          life: settle(ctx.rng, created, 'doing', ctx.tl.now),
          requester: options.sponsorOf(goal.id),
          priority: 2,
          components,
          custom: { title: goal.anchorEpic.title },
          tags: [{ kind: 'anchor' }],
          plantId: `anchor-${goal.id}`,
        }),
    });
  });
}
