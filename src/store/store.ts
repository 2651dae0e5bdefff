import type { WorkItem, Source, GoalTag, Score, Finding, DesiredValues, Report } from '../model/index.js';

/**
 * The store port: everything bearing persists. Implementations: sqlite/ (embedded default) and,
 * later, postgres/. Every method is async so a networked store fits without touching callers.
 */

/** Where an incremental pull of one scope stands. Opaque to the store beyond these fields. */
export interface Cursor {
  /** Epoch ms of the newest `updated` value stored for the scope (the window's lower edge). */
  updatedMs: number;
  /** Tie-breaker for keyset paging on (updated, id). */
  lastId: string | null;
  /** Connector-specific extras (e.g. ids already seen in the overlap minute). */
  extra?: Record<string, unknown>;
}

export interface StoredItem {
  item: WorkItem;
  /** The raw payload as the source sent it (kept so normalization can be replayed). */
  raw: unknown;
  hash: string;
}

export interface QuarantineRecord {
  system: Source;
  scope: string;
  /** Which record: Jira key / ServiceNow table + number, or the best id available. */
  recordRef: string;
  /** Key path of the offending field (`fields.priority.name`). */
  field: string;
  reason: string;
  raw: unknown;
}

export interface PageCommit {
  system: Source;
  scope: string;
  items: StoredItem[];
  quarantined: QuarantineRecord[];
  /** The cursor after this page; null leaves it as it is. */
  cursor: Cursor | null;
}

export interface PageCommitResult {
  inserted: number;
  /** Items whose content hash changed. */
  changed: number;
  /** Items seen again with the same hash (only `updated` or held values moved). */
  unchanged: number;
}

export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface RunRecord {
  id: string;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  summary: Record<string, unknown> | null;
}

export interface ItemFilter {
  source?: Source;
  scope?: string;
  /** Include items marked deleted upstream (default false). */
  includeDeleted?: boolean;
}

export interface WrittenValues {
  uid: string;
  values: DesiredValues;
  runId: string;
  at: string;
}

export interface WriteFailure {
  uid: string;
  runId: string;
  reason: string;
  at: string;
}

export interface StoredFinding extends Finding {
  runId: string;
}

export interface StoredReport {
  week: string;
  generatedAt: string;
  report: Report;
}

export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
}

export interface Store {
  /** Creates or upgrades the schema. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap reachability check (readiness). */
  ping(): Promise<void>;

  // Items and cursors. A page and its cursor commit together or not at all.
  commitPage(page: PageCommit): Promise<PageCommitResult>;
  getCursor(system: Source, scope: string): Promise<Cursor | null>;
  getItem(uid: string): Promise<WorkItem | null>;
  getItemByRef(ref: string): Promise<WorkItem | null>;
  getItemHash(uid: string): Promise<string | null>;
  getRaw(uid: string): Promise<unknown>;
  /** Streams items in uid order without loading them all. */
  iterateItems(filter?: ItemFilter): AsyncIterable<WorkItem>;
  countItems(filter?: ItemFilter): Promise<number>;
  /** Marks items no longer present upstream (found by a deletion sweep). */
  markDeleted(uids: readonly string[]): Promise<void>;
  /** Updates the values bearing's fields hold, without touching the content hash. */
  updateHeld(uid: string, held: WorkItem['held']): Promise<void>;

  // Quarantine.
  listQuarantine(filter?: { system?: Source; scope?: string }): Promise<(QuarantineRecord & { at: string })[]>;
  /** Removes quarantine entries for a record that later arrived valid. */
  clearQuarantine(system: Source, recordRef: string): Promise<void>;

  // Runs.
  startRun(run: { id: string; kind: string; startedAt: string }): Promise<void>;
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, summary: Record<string, unknown>): Promise<void>;
  getRun(id: string): Promise<RunRecord | null>;
  lastRun(kind: string, status?: RunStatus): Promise<RunRecord | null>;

  // Analysis results per run.
  saveAnalysis(runId: string, tags: readonly GoalTag[], scores: readonly Score[]): Promise<void>;
  getTag(runId: string, uid: string): Promise<GoalTag | null>;
  getScore(runId: string, uid: string): Promise<Score | null>;
  iterateScores(runId: string): AsyncIterable<{ tag: GoalTag; score: Score }>;
  saveFindings(runId: string, findings: readonly Finding[]): Promise<void>;
  listFindings(runId: string, kind?: Finding['kind']): Promise<StoredFinding[]>;

  // Write-back audit.
  recordWrite(write: WrittenValues): Promise<void>;
  lastWritten(uid: string): Promise<WrittenValues | null>;
  recordWriteFailure(failure: WriteFailure): Promise<void>;
  listWriteFailures(runId: string): Promise<WriteFailure[]>;

  // Reports.
  saveReport(report: StoredReport): Promise<void>;
  getReport(week: string): Promise<StoredReport | null>;
  listReportWeeks(): Promise<string[]>;

  // Single-runner lease.
  /** Takes the lease if free, expired, or already ours; returns the current holder either way. */
  acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<{ acquired: boolean; lease: Lease }>;
  renewLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}
