import { goalsFileSchema } from '../../model/index.js';
import type { GoalsFile } from '../../model/index.js';
import type { GroundTruth, SeedPerson, SeedTicket } from '../seed.js';
import { collectGroundTruth } from './ground-truth.js';
import type { Controls } from './ground-truth.js';
import {
  ASSIGNMENT_GROUPS,
  GOAL_SPECS,
  JIRA_PROJECTS,
  RUN_CATEGORIES,
  RUN_LABELS,
  RUN_TARGET,
} from './org.js';
import type { GoalKey } from './org.js';
import { executivesSettings, generateStaff } from './people.js';
import type { ExecutivesSettings } from './people.js';
import { DEFAULT_SIZE } from './plants/index.js';
import { Random } from './random.js';
import { GoalRules } from './rules.js';
import { companyEntries } from './stream.js';
import type { CompanyEntry } from './stream.js';
import { TOOL_CAPABILITIES } from './text/index.js';
import { timeline } from './timeline.js';

export { DEFAULT_SIZE };

export interface CompanyOptions {
  /** Any integer; the same seed, size and now give the same company byte for byte. */
  seed: number;
  /** Number of tickets, at least 100. @default 2000 for the demo */
  size: number;
  /** Epoch ms the company's history ends at: tickets are created over the twelve weeks before it. */
  now: number;
}

export interface Company {
  readonly options: Readonly<CompanyOptions>;
  readonly people: readonly SeedPerson[];
  /** The goals file (validated with goalsFileSchema): five goals and the run bucket. */
  readonly goals: GoalsFile;
  /** The `executives:` settings that identify exactly the people with `isExecutive`. */
  readonly executives: ExecutivesSettings;
  readonly jiraProjects: readonly { key: string; name: string; components: readonly string[] }[];
  readonly assignmentGroups: readonly string[];
  /** Capabilities and tools the tickets ask for, with the standard the ground truth assumes. */
  readonly tools: readonly { capability: string; tools: readonly string[]; standard: string | null }[];
  /** The tickets, generated lazily on every iteration (a second pass yields the same tickets). */
  readonly tickets: Iterable<SeedTicket>;
  /** The tickets with what the generator knows of each, lazily. */
  entries(): Generator<CompanyEntry>;
  /**
   * The ground truth, collected on first use with one extra pass over the tickets (none is kept;
   * the result holds one small record per ticket). To get it while consuming the tickets anyway,
   * pass `entries()` through `collectGroundTruth`.
   */
  readonly groundTruth: GroundTruth;
  /** What bearing must not flag, from the same pass as `groundTruth`. */
  readonly controls: Controls;
}

/** The quarter `now` falls in, as goals files name periods (`2026-Q4`). */
const periodOf = (now: number): string => {
  const d = new Date(now);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

/** A deterministic demo company: Acme Retail, an online and store retailer, and its IT department's tickets. */
export function generateCompany(options: CompanyOptions): Company {
  const { seed, size, now } = options;
  if (!Number.isInteger(seed)) throw new RangeError(`expected an integer seed, got ${seed}`);
  if (!Number.isInteger(size) || size < 100)
    throw new RangeError(`expected a size of at least 100 tickets, got ${size}`);
  if (!Number.isFinite(now)) throw new RangeError(`expected now as epoch milliseconds, got ${now}`);

  const tl = timeline(now);
  const staff = generateStaff(seed, size);
  const sponsorOf = (goal: GoalKey): SeedPerson => {
    const title = GOAL_SPECS.find((g) => g.id === goal)!.sponsorTitle;
    return staff.executives.find((p) => p.title === title)!;
  };

  const keys = new Random(seed, 3);
  const projectBases = Object.fromEntries(JIRA_PROJECTS.map((p) => [p.key, keys.int(40, 600)]));
  const used = new Map<string, number>();
  const anchorKeys = GOAL_SPECS.map(({ anchorEpic: { project } }) => {
    const n = (used.get(project) ?? 0) + 1;
    used.set(project, n);
    return `${project}-${projectBases[project]! + n}`;
  });

  const goals = goalsFileSchema.parse({
    period: periodOf(now),
    goals: GOAL_SPECS.map((g, i) => ({
      id: g.id,
      name: g.name,
      sponsor: sponsorOf(g.id).email,
      rank: g.rank,
      target: g.target,
      keywords: g.keywords,
      match: {
        jira: { ...g.jira, epics: [anchorKeys[i]] },
        servicenow: { ...g.servicenow, categories: [] },
      },
    })),
    run: {
      target: RUN_TARGET,
      match: {
        kinds: ['incident'],
        labels: [...RUN_LABELS],
        servicenow: { tables: [], categories: [...RUN_CATEGORIES], businessServices: [] },
      },
    },
  });
  const rules = new GoalRules(goals);
  const entries = (): Generator<CompanyEntry> =>
    companyEntries({ seed, size, tl, staff, rules, projectBases, anchorKeys, sponsorOf });

  let truth: ReturnType<typeof collectGroundTruth> | null = null;
  const collected = (): ReturnType<typeof collectGroundTruth> =>
    (truth ??= collectGroundTruth(entries(), { people: staff.people, goals, tl }));

  return {
    options: { seed, size, now },
    people: staff.people,
    goals,
    executives: executivesSettings(staff.people),
    jiraProjects: JIRA_PROJECTS,
    assignmentGroups: ASSIGNMENT_GROUPS,
    tools: TOOL_CAPABILITIES.map((c) => ({ capability: c.id, tools: c.tools, standard: c.standard })),
    tickets: {
      *[Symbol.iterator]() {
        for (const entry of entries()) yield entry.ticket;
      },
    },
    entries,
    get groundTruth() {
      return collected().groundTruth;
    },
    get controls() {
      return collected().controls;
    },
  };
}
