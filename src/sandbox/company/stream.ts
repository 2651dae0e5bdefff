import type { SeedPerson, SeedSnTable, SeedTicket } from '../seed.js';
import { Background } from './background.js';
import type { BuildContext, Draft, PlantTag } from './build.js';
import type { GoalKey } from './org.js';
import { Pickers } from './people.js';
import type { Staff } from './people.js';
import { planPlants } from './plants/index.js';
import { Random } from './random.js';
import { refOf } from './rules.js';
import type { Evidence, GoalRules } from './rules.js';
import { Writer } from './text/index.js';
import { HOUR } from './timeline.js';
import type { Timeline } from './timeline.js';

/** What the generator knows about one ticket: the goal it was written for and what was planted on it. */
export interface TicketTruth {
  /** Jira key, or `SN:` + number. */
  ref: string;
  /** Goal id, `run` or `none`, by the goals file's rules in the design's precedence. */
  goal: string;
  evidence: Evidence;
  tags: readonly PlantTag[];
  /**
   * What work the ticket describes: tickets with the same value describe the same work. A planted
   * duplicate-work ticket's is its plant's; any other's is what its title names (`Text.work`).
   */
  work: string;
}

export interface CompanyEntry {
  ticket: SeedTicket;
  truth: TicketTruth;
}

export interface StreamOptions {
  seed: number;
  size: number;
  tl: Timeline;
  staff: Staff;
  rules: GoalRules;
  /** Number before each project's first key in the stream (its earlier issues are out of scope). */
  projectBases: Readonly<Record<string, number>>;
  /** Key of each goal's anchor epic, in goals-file order. */
  anchorKeys: readonly string[];
  sponsorOf(goal: GoalKey): SeedPerson;
}

const PREFIX: Record<SeedSnTable, string> = {
  incident: 'INC',
  sc_req_item: 'RITM',
  change_request: 'CHG',
  pm_project: 'PRJ',
  dmn_demand: 'DMND',
};
const snNumber = (prefix: string, n: number): string => `${prefix}${String(10000 + n).padStart(7, '0')}`;

/**
 * The company's tickets in creation order, generated lazily: ordinary tickets evenly over the
 * span, each plant when the stream reaches its time. Same options, same sequence, byte for byte.
 * Memory stays flat: only the plan (small next to the tickets) and bounded pools are kept.
 */
export function* companyEntries(options: StreamOptions): Generator<CompanyEntry> {
  const { tl, rules, size } = options;
  const rng = new Random(options.seed, 2);
  const ctx: BuildContext = { rng, writer: new Writer(rng), pick: new Pickers(options.staff, rng), tl };
  const plants = planPlants(new Random(options.seed, 4), {
    size,
    tl,
    anchorKeys: options.anchorKeys,
    sponsorOf: options.sponsorOf,
  });
  const ordinary = size - plants.length;
  if (ordinary < 0) throw new RangeError(`expected a size of at least ${plants.length}, got ${size}`);

  const executives = new Set(options.staff.executives.map((p) => p.id));
  const background = new Background(ctx);
  const jiraNext = new Map(Object.entries(options.projectBases));
  const snNext = new Map<string, number>();
  const plantKeys = new Map<string, string>();
  let jiraIds = 0;
  let requests = 0;
  let anchors = 0;

  const emit = (draft: Draft): CompanyEntry => {
    const t = draft.ticket;
    if (t.system === 'jira') {
      const n = jiraNext.get(t.project)! + 1;
      jiraNext.set(t.project, n);
      t.key = `${t.project}-${n}`;
      t.id = String(10000 + ++jiraIds);
      if (draft.duplicateOfPlant !== null) t.duplicateOf = [plantKeys.get(draft.duplicateOfPlant)!];
      if (draft.tags.some((tag) => tag.kind === 'anchor')) {
        const expected = options.anchorKeys[anchors++];
        if (t.key !== expected) throw new Error(`anchor epic got key ${t.key}, expected ${expected}`);
      }
    } else {
      const n = (snNext.get(t.table) ?? 0) + 1;
      snNext.set(t.table, n);
      t.number = snNumber(PREFIX[t.table], n);
      t.sysId = rng.hex(32);
      // Several items of one order share its request (REQ) number now and then.
      if (t.table === 'sc_req_item') {
        if (requests === 0 || !rng.chance(0.15)) requests++;
        t.parentNumber = snNumber('REQ', requests);
      }
    }
    const ref = refOf(t);
    if (draft.plantId !== null) plantKeys.set(draft.plantId, t.system === 'jira' ? t.key : t.number);

    const { goal, evidence } = rules.resolve(t, draft.inherited, draft.textGoal);
    if (!draft.tags.some((tag) => tag.kind === 'pressure'))
      keepClearOfPlants(t, goal, executives.has(t.requesterId));
    background.register(draft, goal);
    const planted = draft.tags.find((tag) => tag.kind === 'work');
    const work = planted?.kind === 'work' ? planted.work : `title:${draft.work}`;
    return { ticket: t, truth: { ref, goal, evidence, tags: draft.tags, work } };
  };

  /**
   * Only planted teams may meet the request-pressure definition, so an urgent request for no goal
   * or a minor one from the rank and file, active in (or at the edge of) the window, is made
   * routine; and unaligned work is never resolved where the window's first week starts in one
   * time zone and not in another, so whether it counts does not depend on the zone.
   */
  const keepClearOfPlants = (t: SeedTicket, goal: string, byExecutive: boolean): void => {
    const rank = rules.rankOf(goal);
    const minor = goal === 'none' || (rank !== null && rank > 2);
    const active = t.status === 'doing' || (t.resolved !== null && t.resolved >= tl.bandStart);
    if (minor && !byExecutive && t.priority <= 2 && active) {
      t.priority = 3;
      if (t.system === 'servicenow') {
        t.impact = 2;
        t.urgency = 2;
      }
    }
    if (goal === 'none' && t.resolved !== null && t.resolved >= tl.bandStart && t.resolved < tl.windowStart) {
      const shift = tl.windowStart - tl.bandStart + HOUR;
      t.resolved += shift;
      t.updated = Math.min(tl.now, Math.max(t.updated + shift, t.resolved));
    }
  };

  const span = tl.now - tl.start;
  let p = 0;
  for (let j = 0; j < ordinary; j++) {
    const created = Math.floor((tl.start + ((j + rng.next()) * span) / ordinary) / 1000) * 1000;
    while (p < plants.length && plants[p]!.created <= created) yield emit(plants[p++]!.build(ctx));
    yield emit(background.next(created));
  }
  while (p < plants.length) yield emit(plants[p++]!.build(ctx));
}
