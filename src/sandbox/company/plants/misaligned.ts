import { impactUrgency, jiraDraft, snDraft } from '../build.js';
import type { PlantTag } from '../build.js';
import type { Random } from '../random.js';
import type { ThemeId } from '../text/index.js';
import type { Status } from '../timeline.js';
import type { DaysAgo, PlantSpec } from './common.js';
import { plantedLife } from './common.js';
import type { Counts } from './counts.js';

/** Large work for no goal, active in the window: the top of the report's misaligned list. */
export function bigMisaligned(plants: PlantSpec[], rng: Random, counts: Counts, daysAgo: DaysAgo): void {
  const count = counts.bigMisaligned;
  for (let i = 0; i < count; i++) {
    const created = daysAgo(10, 60);
    const id = `misaligned-${i}`;
    const status: Status = rng.chance(0.7) ? 'doing' : 'done';
    plants.push({
      id,
      created,
      build: (ctx) => {
        const common = {
          theme: 'noise' as ThemeId,
          textGoal: null,
          created,
          life: plantedLife(ctx, created, status),
          requester: ctx.pick.requester(0.3, 0.7),
          priority: 3,
          effortScale: 3,
          tags: [{ kind: 'misaligned' }] as PlantTag[],
          plantId: id,
        };
        if (i % 2 === 0)
          return jiraDraft(ctx, { ...common, project: i % 4 === 0 ? 'OPS' : 'DATA', type: 'Story' });
        return snDraft(ctx, {
          ...common,
          ...impactUrgency(3, ctx.rng),
          table: 'pm_project',
          group: 'Enterprise Applications',
        });
      },
    });
  }
}
