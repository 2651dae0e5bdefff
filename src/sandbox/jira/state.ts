/**
 * The fake's inspectable state: people, projects, fields, issues (with the versions a lagging search
 * still sees, §1.2), the write log and bulk tasks. Handlers read and change it; tests seed it, edit
 * issues as humans and read what the bot wrote.
 *
 * Sized for 100k issues: issues live in maps indexed by id, key and project; nothing here copies the
 * whole set per request.
 */
import type { SeedJiraTicket, SeedPerson } from '../seed.js';
import {
  DC_EPIC_LINK_FIELD,
  DC_STORY_POINTS_FIELD,
  FieldCatalogue,
  STORY_POINT_ESTIMATE_FIELD,
  type FieldDef,
} from './fields.js';
import { isValidTimeZone } from './jira-time.js';
import type {
  BulkTaskTiming,
  CustomFieldSpec,
  FakeJiraAccount,
  FakeJiraOptions,
  HumanChanges,
  JiraFlavour,
  JiraIssueRecord,
  JiraPermissions,
  JiraWrite,
  ProjectSpec,
  StoredLink,
} from './types.js';

/** The default API account: Basic `bot@acme.example:bot-token` on Cloud, Bearer `bot-pat` on Data Center. */
export const DEFAULT_BOT: Readonly<Omit<FakeJiraAccount, 'timeZone' | 'permissions'>> = {
  accountId: '712020:bearing-bot-0001',
  name: 'bearing-bot',
  displayName: 'bearing bot',
  email: 'bot@acme.example',
  accountType: 'atlassian',
  apiToken: 'bot-token',
  scopedApiToken: 'bot-scoped-token',
  oauthToken: 'bot-oauth-token',
  pat: 'bot-pat',
  password: 'bot-password',
};

export interface ProjectRecord extends Required<Omit<ProjectSpec, 'leadId' | 'category' | 'description'>> {
  id: string;
  description: string;
  leadId: string | null;
  category: ProjectSpec['category'] | null;
}

/** A person as both flavours show them: Cloud accountId, Data Center name and key. */
export interface PersonRecord {
  seed: SeedPerson;
  dcName: string;
  dcKey: string;
}

/** An asynchronous bulk edit (§10.1); bulk.ts fills in `apply`. */
export interface BulkTask {
  taskId: string;
  submittedBy: string;
  created: number;
  startAt: number;
  completeAt: number;
  totalIssueCount: number;
  invalidOrInaccessibleIssueCount: number;
  processed: number[];
  failed: Record<string, string[]>;
  applied: boolean;
  apply(at: number): void;
}

interface Entry {
  current: JiraIssueRecord;
  /** When `current` became current (−∞ for loaded issues). */
  changedAt: number;
  /** Older versions a lagging search may still see, oldest first. */
  history: { record: JiraIssueRecord; changedAt: number }[];
}

export interface ResolvedOptions {
  flavour: JiraFlavour;
  searchLagMs: number;
  contentPageCap: number;
  dcPageCap: number;
  dcMaxResultWindow: number;
  screenCheck: boolean;
  bulkTask: BulkTaskTiming;
  perIssueWriteLimits: boolean;
  betaRateLimitHeaders: boolean;
  cloudId: string;
  deploymentType: 'Server' | 'DataCenter';
  basicAuthEnabled: boolean;
  publicProjects: string[];
  siteTimeZone: string;
}

const defaultPresets = (flavour: JiraFlavour): CustomFieldSpec[] =>
  flavour === 'cloud' ? [STORY_POINT_ESTIMATE_FIELD] : [DC_STORY_POINTS_FIELD, DC_EPIC_LINK_FIELD];

export class JiraState {
  readonly options: ResolvedOptions;
  readonly fields: FieldCatalogue;
  readonly accounts: FakeJiraAccount[];
  readonly projects = new Map<string, ProjectRecord>();
  readonly people = new Map<string, PersonRecord>();
  /** Every successful field change made through the API, in order. */
  readonly writes: JiraWrite[] = [];
  readonly tasks = new Map<string, BulkTask>();
  /** Timestamps of recent API writes per issue id, for the per-issue write limit (§5.1). */
  readonly writeTimes = new Map<string, number[]>();
  /** Bumped on every change that can alter a search result; search caches key on it. */
  version = 0;

  private readonly clock: () => number;
  private readonly storyPointsId: string | undefined;
  private readonly entries = new Map<string, Entry>();
  private readonly idByKey = new Map<string, string>();
  private readonly idsByProject = new Map<string, Set<string>>();
  private readonly subtaskIds = new Map<string, Set<string>>();
  private readonly inward = new Map<string, { link: StoredLink; fromKey: string }[]>();
  private readonly corruptions = new Map<string, (wire: Record<string, unknown>) => void>();
  private readonly lagging = new Set<string>();
  private nextLinkId = 20000;
  private nextTaskId = 10600;

  constructor(options: FakeJiraOptions) {
    const flavour = options.flavour;
    const siteTimeZone = options.timeZone ?? 'Europe/Berlin';
    this.clock = options.now ?? (() => Date.now());
    this.options = {
      flavour,
      searchLagMs: options.searchLagMs ?? 0,
      contentPageCap: options.contentPageCap ?? 100,
      dcPageCap: options.dcPageCap ?? 1000,
      dcMaxResultWindow: options.dcMaxResultWindow ?? 10_000,
      screenCheck: options.screenCheck ?? false,
      bulkTask: { startAfterMs: 50, completeAfterMs: 200, ...options.bulkTask },
      perIssueWriteLimits: options.perIssueWriteLimits ?? true,
      betaRateLimitHeaders: options.betaRateLimitHeaders ?? false,
      cloudId: options.cloudId ?? '35273b54-3f06-40d2-880f-dd28cf8daafa',
      deploymentType: options.deploymentType ?? 'DataCenter',
      basicAuthEnabled: options.basicAuthEnabled ?? false,
      publicProjects: (options.publicProjects ?? []).map((p) => p.toUpperCase()),
      siteTimeZone,
    };
    this.fields = new FieldCatalogue(
      flavour,
      options.customFields ?? defaultPresets(flavour),
      options.bulkfetchArraysAreMultiValued ?? true,
    );
    this.storyPointsId = this.fields.storyPointsId(options.storyPointsFieldId);
    this.accounts = options.accounts ?? [
      {
        ...DEFAULT_BOT,
        timeZone: siteTimeZone,
        permissions: {
          administerJira: options.notifyAllowed ?? true,
          administerProjects: false,
          bulkChange: options.bulkAllowed ?? true,
          editIssues: true,
        },
      },
    ];
    for (const zone of [siteTimeZone, ...this.accounts.map((a) => a.timeZone)]) {
      if (!isValidTimeZone(zone)) throw new Error(`fake Jira: expected an IANA time zone, got "${zone}"`);
    }
    for (const spec of options.projects ?? []) this.addProject(spec);
  }

  now(): number {
    return this.clock();
  }

  // ---- seeding -------------------------------------------------------------------------------

  /** Loads people and tickets from the neutral seed form (../seed.ts). */
  load(people: SeedPerson[], tickets: SeedJiraTicket[]): void {
    for (const person of people) this.addPerson(person);
    for (const ticket of tickets) this.addIssue(ticket);
  }

  addPerson(person: SeedPerson): void {
    const local = person.email?.split('@')[0] ?? person.id;
    const record: PersonRecord = {
      seed: person,
      dcName: local,
      dcKey: `JIRAUSER${10000 + this.people.size}`,
    };
    this.people.set(person.id, record);
  }

  addProject(spec: ProjectSpec): ProjectRecord {
    const key = spec.key.toUpperCase();
    const existing = this.projects.get(key);
    if (existing) return existing;
    const record: ProjectRecord = {
      id: String(10000 + this.projects.size),
      key,
      name: spec.name ?? key,
      projectTypeKey: spec.projectTypeKey ?? 'software',
      simplified: spec.simplified ?? false,
      description: spec.description ?? '',
      leadId: spec.leadId ?? null,
      category: spec.category ?? null,
    };
    this.projects.set(key, record);
    return record;
  }

  /** Adds one issue from a seed ticket (visible to search at once: seeding does not lag). */
  addIssue(ticket: SeedJiraTicket): JiraIssueRecord {
    const key = ticket.key.toUpperCase();
    if (this.idByKey.has(key) || this.entries.has(ticket.id)) {
      throw new Error(`fake Jira: issue ${ticket.key} (${ticket.id}) exists already`);
    }
    this.addProject({ key: ticket.project });
    const custom: Record<string, unknown> = {};
    if (this.storyPointsId) custom[this.storyPointsId] = ticket.storyPoints;
    const epicLink = this.fields.epicLinkId();
    if (epicLink) custom[epicLink] = ticket.epicKey;
    const record: JiraIssueRecord = {
      id: ticket.id,
      key,
      project: ticket.project.toUpperCase(),
      number: Number(key.split('-').pop()),
      issueType: ticket.issueType,
      summary: ticket.title,
      description: ticket.description === '' ? null : ticket.description,
      status: ticket.status,
      priority: ticket.priority,
      reporterId: ticket.requesterId,
      assigneeId: ticket.assigneeId,
      creatorId: ticket.requesterId,
      created: ticket.created,
      updated: ticket.updated,
      resolved: ticket.resolved,
      statusChanged: ticket.resolved ?? (ticket.status === 'todo' ? ticket.created : ticket.updated),
      labels: [...ticket.labels],
      components: [...ticket.components],
      originalEstimateSeconds: ticket.originalEstimateSeconds,
      parentKey: ticket.parentKey?.toUpperCase() ?? null,
      epicKey: ticket.epicKey?.toUpperCase() ?? null,
      links: ticket.duplicateOf.map((target) => ({
        id: String(this.nextLinkId++),
        type: 'Duplicate' as const,
        outwardKey: target.toUpperCase(),
      })),
      custom,
    };
    this.entries.set(record.id, { current: record, changedAt: Number.NEGATIVE_INFINITY, history: [] });
    this.index(record);
    this.version++;
    return record;
  }

  /** A human edits the issue in the UI: `updated` moves to now; not recorded in `writes`. */
  editAsHuman(key: string, changes: HumanChanges): JiraIssueRecord {
    const current = this.requireIssue(key);
    const custom = { ...current.custom };
    for (const [idOrName, value] of Object.entries(changes.fields ?? {})) {
      const field = this.fields.find(idOrName);
      if (!field?.custom) throw new Error(`fake Jira: no custom field "${idOrName}"`);
      custom[field.id] = value;
    }
    const now = this.now();
    const status = changes.status ?? current.status;
    const next: JiraIssueRecord = {
      ...current,
      ...(changes.summary !== undefined ? { summary: changes.summary } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.priority !== undefined ? { priority: changes.priority } : {}),
      ...(changes.labels ? { labels: [...changes.labels] } : {}),
      ...(changes.components ? { components: [...changes.components] } : {}),
      ...(changes.assigneeId !== undefined ? { assigneeId: changes.assigneeId } : {}),
      status,
      resolved: status === 'done' ? (current.status === 'done' ? current.resolved : now) : null,
      statusChanged: status === current.status ? current.statusChanged : now,
      custom,
      updated: now,
    };
    this.replace(next, now);
    return next;
  }

  deleteIssue(key: string): void {
    const record = this.requireIssue(key);
    this.entries.delete(record.id);
    this.idByKey.delete(record.key);
    this.idsByProject.get(record.project)?.delete(record.id);
    if (record.parentKey) this.subtaskIds.get(record.parentKey)?.delete(record.id);
    this.lagging.delete(record.id);
    this.corruptions.delete(record.id);
    this.version++;
  }

  /**
   * Puts a deleted issue back exactly as it was, `updated` included (a restore changes nothing an
   * incremental search would see). `record` is what `issue(key)` returned before the delete.
   */
  restoreIssue(record: JiraIssueRecord): void {
    if (this.idByKey.has(record.key) || this.entries.has(record.id)) {
      throw new Error(`fake Jira: issue ${record.key} (${record.id}) exists already`);
    }
    this.entries.set(record.id, { current: record, changedAt: Number.NEGATIVE_INFINITY, history: [] });
    // Its outward links stayed indexed on their targets when it was deleted.
    this.index({ ...record, links: [] });
    this.version++;
  }

  /**
   * Makes every rendering of the issue violate the schema, for quarantine tests: `mutate` gets the wire
   * JSON (search, bulkfetch, GET issue) and may delete or retype anything. See CORRUPTIONS for presets.
   */
  corrupt(key: string, mutate: (wire: Record<string, unknown>) => void): void {
    this.corruptions.set(this.requireIssue(key).id, mutate);
  }

  /** Creates a custom field as an admin would in the UI (no permission check). */
  createField(spec: CustomFieldSpec): FieldDef {
    return this.fields.addCustom(spec);
  }

  /** Puts a custom field on the default screen (what an admin does after `bearing setup`, §3.3). */
  addFieldToScreen(fieldId: string): void {
    const field = this.fields.get(fieldId);
    if (!field) throw new Error(`fake Jira: no field ${fieldId}`);
    field.onScreen = true;
  }

  /** Changes an account's permissions (by accountId or DC name). */
  setPermissions(account: string, permissions: Partial<JiraPermissions>): void {
    const found = this.accounts.find((a) => a.accountId === account || a.name === account);
    if (!found) throw new Error(`fake Jira: no account ${account}`);
    Object.assign(found.permissions, permissions);
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The current version of an issue (by key or id), after any due bulk task has landed. */
  issue(idOrKey: string): JiraIssueRecord | undefined {
    this.settle();
    return this.entryOf(idOrKey)?.current;
  }

  /** The current version without landing due bulk tasks (for handlers that run inside `settle`). */
  peek(idOrKey: string): JiraIssueRecord | undefined {
    return this.entryOf(idOrKey)?.current;
  }

  /** A custom field value by field id or name (`state.valueOf('OPS-1', 'Alignment Score')`): null when empty, undefined when the issue or field does not exist. */
  valueOf(idOrKey: string, field: string): unknown {
    const record = this.issue(idOrKey);
    const def = this.fields.find(field);
    return record && def ? (record.custom[def.id] ?? null) : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  personById(id: string | null): PersonRecord | undefined {
    return id === null ? undefined : this.people.get(id);
  }

  /** Issue id for a key (case-insensitive) or id. */
  idOf(idOrKey: string): string | undefined {
    if (this.entries.has(idOrKey)) return idOrKey;
    return this.idByKey.get(idOrKey.toUpperCase());
  }

  /** All issue ids, or those of some projects (no copy of the issue set). */
  *ids(projects?: Iterable<string>): Iterable<string> {
    if (!projects) {
      yield* this.entries.keys();
      return;
    }
    for (const p of projects) yield* this.idsByProject.get(p) ?? [];
  }

  /**
   * The version a search sees (§1.2): the newest one older than `searchLagMs`, or the current one when
   * the id is reconciled. Undefined when the issue does not exist.
   */
  searchView(id: string, reconciled: ReadonlySet<string>): JiraIssueRecord | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const lag = this.options.searchLagMs;
    const now = this.now();
    if (lag <= 0 || reconciled.has(id) || now - entry.changedAt >= lag) return entry.current;
    for (let i = entry.history.length - 1; i >= 0; i--) {
      const older = entry.history[i];
      if (older && now - older.changedAt >= lag) return older.record;
    }
    return entry.history[0]?.record ?? entry.current;
  }

  /** The earliest moment a lagging edit becomes visible to search (search caches expire then). */
  lagHorizon(): number {
    const now = this.now();
    let horizon = Number.POSITIVE_INFINITY;
    const lag = this.options.searchLagMs;
    for (const id of this.lagging) {
      const entry = this.entries.get(id);
      if (!entry || entry.changedAt + lag <= now) {
        this.lagging.delete(id);
        if (entry) entry.history = [];
        continue;
      }
      // The next change of what search sees: the oldest version (current included) not yet visible.
      const next = entry.history.find((h) => h.changedAt + lag > now)?.changedAt ?? entry.changedAt;
      horizon = Math.min(horizon, next + lag);
    }
    return horizon;
  }

  subtasksOf(key: string): JiraIssueRecord[] {
    return [...(this.subtaskIds.get(key) ?? [])].flatMap((id) => this.entries.get(id)?.current ?? []);
  }

  inwardLinksOf(key: string): { link: StoredLink; fromKey: string }[] {
    return this.inward.get(key) ?? [];
  }

  corruptionOf(id: string): ((wire: Record<string, unknown>) => void) | undefined {
    return this.corruptions.get(id);
  }

  // ---- changes made by handlers --------------------------------------------------------------

  /** Replaces an issue's current version at time `at`, keeping the old one for lagging search. */
  replace(next: JiraIssueRecord, at: number): void {
    const entry = this.entries.get(next.id);
    if (!entry) throw new Error(`fake Jira: no issue ${next.id}`);
    if (this.options.searchLagMs > 0) {
      entry.history.push({ record: entry.current, changedAt: entry.changedAt });
      this.lagging.add(next.id);
    }
    entry.current = next;
    entry.changedAt = at;
    this.version++;
  }

  newTaskId(): string {
    return String(this.nextTaskId++);
  }

  /** Lands every bulk task whose completion moment has passed (called before each request is answered). */
  settle(): void {
    const now = this.now();
    for (const task of this.tasks.values()) {
      if (!task.applied && task.completeAt <= now) {
        task.applied = true;
        task.apply(task.completeAt);
      }
    }
  }

  private requireIssue(idOrKey: string): JiraIssueRecord {
    const entry = this.entryOf(idOrKey);
    if (!entry) throw new Error(`fake Jira: no issue ${idOrKey}`);
    return entry.current;
  }

  private entryOf(idOrKey: string): Entry | undefined {
    const id = this.idOf(idOrKey);
    return id === undefined ? undefined : this.entries.get(id);
  }

  private index(record: JiraIssueRecord): void {
    this.idByKey.set(record.key, record.id);
    let inProject = this.idsByProject.get(record.project);
    if (!inProject) this.idsByProject.set(record.project, (inProject = new Set()));
    inProject.add(record.id);
    if (record.parentKey) {
      let children = this.subtaskIds.get(record.parentKey);
      if (!children) this.subtaskIds.set(record.parentKey, (children = new Set()));
      children.add(record.id);
    }
    for (const link of record.links) {
      let list = this.inward.get(link.outwardKey);
      if (!list) this.inward.set(link.outwardKey, (list = []));
      list.push({ link, fromKey: record.key });
    }
  }
}

/** Ready-made schema violations for `state.corrupt` (quarantine tests). */
export const CORRUPTIONS = {
  nullPriority: (wire: Record<string, unknown>): void => {
    const fields = wire.fields as Record<string, unknown> | undefined;
    if (fields) fields.priority = null;
  },
  missingSummary: (wire: Record<string, unknown>): void => {
    const fields = wire.fields as Record<string, unknown> | undefined;
    if (fields) delete fields.summary;
  },
  numericId: (wire: Record<string, unknown>): void => {
    wire.id = Number(wire.id);
  },
  missingFields: (wire: Record<string, unknown>): void => {
    delete wire.fields;
  },
} as const;
