import type {
  SeedJiraTicket,
  SeedJiraType,
  SeedPerson,
  SeedSnTable,
  SeedSnTicket,
  SeedTicket,
} from '../seed.js';
import type { GoalKey, JiraProjectKey } from './org.js';
import type { Pickers } from './people.js';
import type { Random } from './random.js';
import { compose, INHERITED_SLOTS } from './text/index.js';
import type { Shape, Text } from './text/index.js';
import { SHARED } from './text/index.js';
import type { Vocabulary, Writer } from './text/index.js';
import { THEMES } from './text/index.js';
import type { ThemeId } from './text/index.js';
import { simulate } from './timeline.js';
import type { Lifecycle, Profile, Timeline } from './timeline.js';

/** What the generator planted on a ticket; the ground truth is collected from these. */
export type PlantTag =
  | { kind: 'anchor' }
  | { kind: 'tool'; capability: string; tool: string; use: 'adoption' | 'support' }
  | { kind: 'work'; work: string; pair: string; role: 'duplicate' | 'near-miss' | 'linked' }
  | { kind: 'pressure'; team: string; role: 'urgent' | 'waiting' | 'control' }
  | { kind: 'misaligned' };

/** A ticket before the stream gives it its key, number and ids. */
export interface Draft {
  ticket: SeedTicket;
  /** The goal whose keywords the text was written with. */
  textGoal: GoalKey | null;
  /** The goal of the epic, parent or demand it hangs under. */
  inherited: string | null;
  tags: PlantTag[];
  /** Planted tickets are placed deliberately; ordinary ones are kept clear of the planted flags. */
  plantId: string | null;
  /** Plant id of the issue this one is linked to as a duplicate. */
  duplicateOfPlant: string | null;
  /** Slot values a child ticket reuses (feature, system, store…). */
  bindings: Record<string, string>;
  theme: ThemeId;
  /** What work the title names (see `Text.work`). */
  work: string;
}

export interface BuildContext {
  rng: Random;
  writer: Writer;
  pick: Pickers;
  tl: Timeline;
}

/** A ticket one can hang work under: its key or number, its goal and what it was about. */
export interface ParentRef {
  key: string;
  goal: string;
  epicKey: string | null;
  bindings: Record<string, string>;
}

const PROFILES: Record<Shape, Profile> = {
  incident: {
    durations: [
      [0.5, 4, 5],
      [4, 24, 3],
      [24, 120, 2],
    ],
    startDelayHours: [0, 2],
    backlog: 0,
  },
  request: {
    durations: [
      [4, 48, 5],
      [48, 168, 3.5],
      [168, 480, 1.5],
    ],
    startDelayHours: [0, 24],
    backlog: 0.05,
  },
  change: {
    durations: [
      [24, 120, 5],
      [120, 360, 5],
    ],
    startDelayHours: [0, 120],
    backlog: 0.05,
  },
  story: {
    durations: [
      [24, 120, 4],
      [120, 336, 4],
      [336, 720, 2],
    ],
    startDelayHours: [0, 240],
    backlog: 0.2,
  },
  task: {
    durations: [
      [8, 120, 5],
      [120, 336, 4],
      [336, 720, 1],
    ],
    startDelayHours: [0, 240],
    backlog: 0.2,
  },
  bug: {
    durations: [
      [4, 72, 5],
      [72, 240, 4],
      [240, 720, 1],
    ],
    startDelayHours: [0, 120],
    backlog: 0.15,
  },
  subtask: { durations: [[4, 72, 1]], startDelayHours: [0, 72], backlog: 0.1 },
  epic: { durations: [[720, 2880, 1]], startDelayHours: [0, 336], backlog: 0.1 },
  demand: { durations: [[240, 1440, 1]], startDelayHours: [24, 240], backlog: 0.3 },
  project: { durations: [[960, 4800, 1]], startDelayHours: [24, 336], backlog: 0.1 },
};

const SHAPE_OF_TYPE: Record<SeedJiraType, Shape> = {
  Epic: 'epic',
  Story: 'story',
  Task: 'task',
  Bug: 'bug',
  'Sub-task': 'subtask',
};
const SHAPE_OF_TABLE: Record<SeedSnTable, Shape> = {
  incident: 'incident',
  sc_req_item: 'request',
  change_request: 'change',
  dmn_demand: 'demand',
  pm_project: 'project',
};

/** Teams that estimate in hours rather than story points. */
const ESTIMATING_PROJECTS = new Set<string>(['OPS']);

/** Templates of a planted ticket; without a description, the shape's frame writes one. */
export interface CustomText {
  vocabulary?: Vocabulary;
  title: string;
  description?: string;
}

/** Writes a ticket's text about `theme`, optionally from custom templates with extra slots. */
export function writeText(
  ctx: BuildContext,
  theme: ThemeId,
  shape: Shape,
  fixed?: Record<string, string>,
  custom?: CustomText,
): { text: Text; bindings: Record<string, string> } {
  const layers = custom?.vocabulary ? [custom.vocabulary, THEMES[theme], SHARED] : [THEMES[theme], SHARED];
  ctx.writer.begin(layers, fixed);
  let text: Text;
  if (custom === undefined) text = compose(shape, ctx.writer, ctx.rng);
  else if (custom.description === undefined) {
    const composed = compose(shape, ctx.writer, ctx.rng);
    const { text: title, identity: work } = ctx.writer.fillWithIdentity(custom.title);
    text = { ...composed, title, work };
  } else {
    const { text: title, identity: work } = ctx.writer.fillWithIdentity(custom.title);
    text = { title, work, description: ctx.writer.fill(custom.description) };
  }
  return { text, bindings: ctx.writer.bindings(INHERITED_SLOTS) };
}

export interface CommonSpec {
  theme: ThemeId;
  textGoal: GoalKey | null;
  created: number;
  /** Decided status and dates; simulated from the shape's profile when absent. */
  life?: Lifecycle;
  requester?: SeedPerson;
  /** Jira priority; ServiceNow derives it from impact and urgency. */
  priority?: number;
  /** Slot values to keep (a parent's feature, a duplicate's entity). */
  fixed?: Record<string, string>;
  custom?: CustomText;
  /** Effort multiplier: unaligned side projects tend to be large. */
  effortScale?: number;
  tags?: PlantTag[];
  plantId?: string;
  duplicateOfPlant?: string;
}

export interface JiraSpec extends CommonSpec {
  project: JiraProjectKey;
  type: SeedJiraType;
  labels?: string[];
  components?: string[];
  epic?: ParentRef | null;
  parent?: ParentRef | null;
}

export function jiraDraft(ctx: BuildContext, spec: JiraSpec): Draft {
  const { rng } = ctx;
  const shape = SHAPE_OF_TYPE[spec.type];
  const fixed = { ...spec.parent?.bindings, ...spec.fixed };
  const { text, bindings } = writeText(ctx, spec.theme, shape, fixed, spec.custom);
  const life = spec.life ?? simulate(rng, spec.created, PROFILES[shape], ctx.tl.now);
  const requester =
    spec.requester ?? (spec.type === 'Epic' ? ctx.pick.requester(0.35, 0.65) : ctx.pick.requester(0.1, 0.55));
  const assignee = ctx.pick.assignee(spec.project, life.status);
  const priority =
    spec.priority ??
    rng.weighted(
      spec.type === 'Bug'
        ? [
            [1, 4],
            [2, 16],
            [3, 55],
            [4, 20],
            [5, 5],
          ]
        : [
            [1, 2],
            [2, 10],
            [3, 60],
            [4, 22],
            [5, 6],
          ],
    );
  const scale = spec.effortScale ?? 1;
  let storyPoints: number | null = null;
  let originalEstimateSeconds: number | null = null;
  if (spec.type === 'Sub-task') {
    if (rng.chance(0.6)) originalEstimateSeconds = rng.pick([2, 4, 6, 8]) * 3600;
  } else if (spec.type !== 'Epic') {
    if (ESTIMATING_PROJECTS.has(spec.project)) {
      if (rng.chance(0.75)) {
        const hours = rng.weighted([
          [2, 2],
          [4, 3],
          [8, 4],
          [16, 3],
          [24, 2],
          [40, 1],
        ] as const);
        originalEstimateSeconds = Math.round(hours * scale) * 3600;
      }
    } else if (rng.chance(0.9)) {
      storyPoints =
        scale > 1
          ? rng.pick([5, 8, 13])
          : rng.weighted([
              [1, 10],
              [2, 20],
              [3, 25],
              [5, 25],
              [8, 15],
              [13, 5],
            ] as const);
    }
  }
  const epicKey = spec.parent ? spec.parent.epicKey : (spec.epic?.key ?? null);
  const ticket: SeedJiraTicket = {
    system: 'jira',
    id: '',
    key: '',
    project: spec.project,
    issueType: spec.type,
    title: text.title,
    description: text.description,
    priority,
    status: life.status,
    requesterId: requester.id,
    assigneeId: assignee?.id ?? null,
    created: spec.created,
    updated: life.updated,
    resolved: life.resolved,
    labels: spec.labels ?? [],
    components: spec.components ?? [],
    storyPoints,
    originalEstimateSeconds,
    epicKey,
    parentKey: spec.parent?.key ?? null,
    duplicateOf: [],
  };
  return finishDraft(spec, ticket, spec.parent?.goal ?? spec.epic?.goal ?? null, bindings, text.work);
}

export interface SnSpec extends CommonSpec {
  table: SeedSnTable;
  group: string;
  service?: string | null;
  category?: string | null;
  /** The demand a project delivers. */
  parent?: ParentRef | null;
  impact?: number;
  urgency?: number;
}

/** ServiceNow's default priority lookup: impact and urgency 1 (high) … 3 (low) give priority 1 … 5. */
export const snPriority = (impact: number, urgency: number): number => impact + urgency - 1;

const IMPACT_URGENCY: Record<number, readonly (readonly [number, number])[]> = {
  1: [[1, 1]],
  2: [
    [1, 2],
    [2, 1],
  ],
  3: [
    [2, 2],
    [1, 3],
    [3, 1],
  ],
  4: [
    [2, 3],
    [3, 2],
  ],
  5: [[3, 3]],
};

/** Impact and urgency that give `priority` (1 … 5). */
export function impactUrgency(priority: number, rng: Random): { impact: number; urgency: number } {
  const [impact, urgency] = rng.pick(IMPACT_URGENCY[priority]!);
  return { impact, urgency };
}

export function snDraft(ctx: BuildContext, spec: SnSpec): Draft {
  const { rng } = ctx;
  const shape = SHAPE_OF_TABLE[spec.table];
  const { text, bindings } = writeText(
    ctx,
    spec.theme,
    shape,
    { ...spec.parent?.bindings, ...spec.fixed },
    spec.custom,
  );
  const life = spec.life ?? simulate(rng, spec.created, PROFILES[shape], ctx.tl.now);
  const requester =
    spec.requester ??
    (spec.table === 'incident'
      ? ctx.pick.requester(0.06, 0.2)
      : spec.table === 'sc_req_item'
        ? ctx.pick.requester(0.1, 0.25)
        : spec.table === 'change_request'
          ? ctx.pick.itPerson()
          : ctx.pick.requester(0.45, spec.table === 'pm_project' ? 0.5 : 0.1));
  const spread: readonly (readonly [number, number])[] =
    spec.table === 'incident'
      ? [
          [1, 15],
          [2, 45],
          [3, 40],
        ]
      : [
          [1, 8],
          [2, 42],
          [3, 50],
        ];
  const impact = spec.impact ?? rng.weighted(spread);
  const urgency = spec.urgency ?? rng.weighted(spread);
  const scale = spec.effortScale ?? 1;
  const quarter = (x: number): number => Math.max(0.25, Math.round(x * 4) / 4);
  const worked = life.status !== 'todo';
  const hours =
    spec.table === 'dmn_demand'
      ? quarter(rng.between(40, 400) * scale)
      : spec.table === 'pm_project'
        ? quarter(rng.between(80, 1500) * scale)
        : !worked
          ? null
          : spec.table === 'incident'
            ? quarter(rng.between(0.25, 6) * (impact === 1 ? 2 : 1))
            : spec.table === 'sc_req_item'
              ? quarter(rng.between(0.5, 6) * scale)
              : quarter(rng.between(2, 24) * scale);
  const ticket: SeedSnTicket = {
    system: 'servicenow',
    sysId: '',
    number: '',
    table: spec.table,
    title: text.title,
    description: text.description,
    priority: snPriority(impact, urgency),
    status: life.status,
    requesterId: requester.id,
    assigneeId: ctx.pick.assignee(spec.group, life.status)?.id ?? null,
    created: spec.created,
    updated: life.updated,
    resolved: life.resolved,
    assignmentGroup: spec.group,
    category: spec.category ?? null,
    businessService: spec.service ?? null,
    impact,
    urgency,
    hours,
    parentNumber: spec.parent?.key ?? null,
  };
  return finishDraft(spec, ticket, spec.parent?.goal ?? null, bindings, text.work);
}

function finishDraft(
  spec: CommonSpec,
  ticket: SeedTicket,
  inherited: string | null,
  bindings: Record<string, string>,
  work: string,
): Draft {
  return {
    ticket,
    textGoal: spec.textGoal,
    inherited,
    tags: spec.tags ?? [],
    plantId: spec.plantId ?? null,
    duplicateOfPlant: spec.duplicateOfPlant ?? null,
    bindings,
    theme: spec.theme,
    work,
  };
}
