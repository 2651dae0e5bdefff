import { jiraDraft, snDraft } from '../build.js';
import type { BuildContext, Draft, JiraSpec, PlantTag, SnSpec } from '../build.js';
import type { Random } from '../random.js';
import { WORK_TOPICS } from '../text/index.js';
import type { JiraPlacement, Phrasing, SnPlacement, ThemeId, WorkTopic } from '../text/index.js';
import { DAY } from '../timeline.js';
import type { Status, Timeline } from '../timeline.js';
import type { DaysAgo, PlantSpec } from './common.js';
import { plantedLife } from './common.js';
import type { Counts } from './counts.js';

type PairKind = 'jira' | 'sn' | 'cross';

function placementSpec(
  ctx: BuildContext,
  topic: WorkTopic,
  placement: JiraPlacement | SnPlacement,
  phrasing: Phrasing,
  entity: Record<string, string>,
  created: number,
  status: Status,
  extra: { tags: PlantTag[]; plantId: string; duplicateOfPlant?: string },
): Draft {
  const common = {
    theme: (topic.goal ?? 'ops') as ThemeId,
    textGoal: topic.goal,
    created,
    life: plantedLife(ctx, created, status),
    requester: ctx.pick.rankAndFile(),
    fixed: entity,
    custom: { title: phrasing.title, description: phrasing.description },
    ...extra,
  };
  if ('project' in placement) {
    const spec: JiraSpec = { ...common, project: placement.project, type: placement.type };
    if (placement.labels) spec.labels = placement.labels;
    if (placement.components) spec.components = placement.components;
    return jiraDraft(ctx, spec);
  }
  const spec: SnSpec = {
    ...common,
    table: placement.table,
    group: placement.group,
    service: placement.service ?? null,
    category: placement.category ?? null,
  };
  return snDraft(ctx, spec);
}

/**
 * Pairs describing the same work in other words (within Jira, within ServiceNow, across), near
 * misses (the same topic, different work) and duplicates already linked in Jira.
 */
export function duplicateWork(
  plants: PlantSpec[],
  rng: Random,
  counts: Counts,
  tl: Timeline,
  daysAgo: DaysAgo,
): void {
  const occurrences = new Map<string, number>();
  let next = 0;
  const nextTopic = (): { topic: WorkTopic; entity: Record<string, string> } => {
    const topic = WORK_TOPICS[next++ % WORK_TOPICS.length]!;
    const j = occurrences.get(topic.id) ?? 0;
    occurrences.set(topic.id, j + 1);
    return { topic, entity: topic.entity(j) };
  };
  const pair = (
    id: string,
    kind: PairKind,
    role: 'duplicate' | 'near-miss' | 'linked',
    statuses: readonly [Status, Status],
  ): void => {
    const { topic, entity } = nextTopic();
    const [first, second] = rng.sample(topic.same, 2) as [Phrasing, Phrasing];
    const phrasings = role === 'near-miss' ? [first, topic.near] : [first, second];
    const placements: (JiraPlacement | SnPlacement)[] =
      kind === 'jira'
        ? [rng.pick(topic.jira), rng.pick(topic.jira)]
        : kind === 'sn'
          ? [rng.pick(topic.sn), rng.pick(topic.sn)]
          : rng.chance(0.5)
            ? [rng.pick(topic.jira), rng.pick(topic.sn)]
            : [rng.pick(topic.sn), rng.pick(topic.jira)];
    const entityKey = Object.values(entity).join('|');
    const a = daysAgo(3, 26);
    const b = Math.floor((a + rng.between(0.3, Math.max(0.4, (tl.now - a) / DAY - 0.2)) * DAY) / 1000) * 1000;
    [a, b].forEach((created, side) => {
      const phrasing = phrasings[side]!;
      const work = `${topic.id}:${entityKey}:${phrasing === topic.near ? 'near' : 'same'}`;
      const plantId = `${id}-${side}`;
      const tags: PlantTag[] = [{ kind: 'work', work, pair: id, role }];
      plants.push({
        id: plantId,
        created,
        build: (ctx) =>
          placementSpec(ctx, topic, placements[side]!, phrasing, entity, created, statuses[side]!, {
            tags,
            plantId,
            ...(role === 'linked' && side === 1 ? { duplicateOfPlant: `${id}-0` } : {}),
          }),
      });
    });
  };
  const open = (): Status =>
    rng.weighted<Status>([
      ['todo', 1],
      ['doing', 1],
    ]);
  const any = (): Status =>
    rng.weighted<Status>([
      ['todo', 3],
      ['doing', 4],
      ['done', 3],
    ]);

  const kinds: PairKind[] = ['jira', 'sn', 'cross'];
  for (const kind of kinds) {
    for (let i = 0; i < counts.duplicatePairs; i++)
      pair(`dup-${kind}-${i}`, kind, 'duplicate', rng.chance(0.5) ? [any(), open()] : [open(), any()]);
  }
  for (let i = 0; i < counts.nearMisses; i++) pair(`near-${i}`, kinds[i % 3]!, 'near-miss', [any(), open()]);
  for (let i = 0; i < counts.linkedDuplicates; i++) pair(`linked-${i}`, 'jira', 'linked', [open(), 'done']);
}
