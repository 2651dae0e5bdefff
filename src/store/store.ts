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
}

export interface QuarantineRecord {
  system: Source;
  scope: string;
  /**
   * Which record: the `ref` the item would get (Jira key, `SN:` + number) when it can be read, else
   * its key or source id. An item that later arrives valid clears entries under its ref, key or id.
   */
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

/** A stored item as a deletion sweep compares it with an upstream listing. */
export interface ItemPresence {
  uid: string;
  /** The item's id upstream (Jira issue id, ServiceNow sys_id): what a listing holds. */
  id: string;
  deleted: boolean;
}

export interface WrittenValues {
  uid: string;
  values: DesiredValues;
  runId: string;
  at: string;
}

/**
 * A write bearing is about to send, recorded before it goes out (write-ahead). `recordWrite` of the item
 * confirms it; one still there at the next write-back means the process stopped between sending and
 * recording, so the write may have landed without its record.
 */
export type WriteIntent = WrittenValues;

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
  /** Releases the connection; calling it again does nothing. */
  close(): Promise<void>;
  /** Cheap reachability check (readiness). */
  ping(): Promise<void>;

  // Items and cursors. A page and its cursor commit together or not at all. The store works out each
  // item's content hash (contentHash) to tell changed items from unchanged ones.
  commitPage(page: PageCommit): Promise<PageCommitResult>;
  getCursor(system: Source, scope: string): Promise<Cursor | null>;
  /** Items marked deleted are returned too: asked for by uid, they are not hidden. */
  getItem(uid: string): Promise<WorkItem | null>;
  getItemByRef(ref: string): Promise<WorkItem | null>;
  getItemHash(uid: string): Promise<string | null>;
  /** The raw payload last stored for the item; null when the store has no such item. */
  getRaw(uid: string): Promise<unknown>;
  /** Streams items in uid order without loading them all. */
  iterateItems(filter?: ItemFilter): AsyncIterable<WorkItem>;
  countItems(filter?: ItemFilter): Promise<number>;
  /**
   * Streams the scope's items in uid order, those marked deleted too, without their content: one pass
   * tells a deletion sweep both what went missing and what came back.
   */
  iteratePresence(source: Source, scope: string): AsyncIterable<ItemPresence>;
  /** Marks items no longer present upstream (found by a deletion sweep). */
  markDeleted(uids: readonly string[]): Promise<void>;
  /** Marks items deleted before as live again (a deletion sweep listed them upstream). */
  markLive(uids: readonly string[]): Promise<void>;
  /**
   * Updates the values bearing's fields hold, without touching the content hash. A `notFound`
   * BearingError when the store has no such item.
   */
  updateHeld(uid: string, held: WorkItem['held']): Promise<void>;

  // Quarantine.
  listQuarantine(filter?: {
    system?: Source;
    scope?: string;
  }): Promise<(QuarantineRecord & { at: string })[]>;
  /** Removes quarantine entries for a record that later arrived valid. */
  clearQuarantine(system: Source, recordRef: string): Promise<void>;

  // Runs.
  /** Records a run as `running`; an id already used is an error (run ids are unique). */
  startRun(run: { id: string; kind: string; startedAt: string }): Promise<void>;
  finishRun(
    id: string,
    status: Exclude<RunStatus, 'running'>,
    summary: Record<string, unknown>,
  ): Promise<void>;
  getRun(id: string): Promise<RunRecord | null>;
  lastRun(kind: string, status?: RunStatus): Promise<RunRecord | null>;

  // Analysis results per run.
  /**
   * Saves a run's analysis: one tag and one score per item, for the same items. Saving the same run
   * again replaces what was saved before (so a re-run of the stage writes nothing twice).
   */
  saveAnalysis(runId: string, tags: readonly GoalTag[], scores: readonly Score[]): Promise<void>;
  getTag(runId: string, uid: string): Promise<GoalTag | null>;
  getScore(runId: string, uid: string): Promise<Score | null>;
  /** Streams a run's analysis in uid order; nothing when the run has none (or it was pruned). */
  iterateScores(runId: string): AsyncIterable<{ tag: GoalTag; score: Score }>;
  /**
   * Drops the tags and scores of all but the `keepRuns` most recently saved runs (a million items
   * per run adds up); returns how many runs were pruned. Findings and runs are kept.
   */
  pruneAnalysis(keepRuns: number): Promise<number>;
  saveFindings(runId: string, findings: readonly Finding[]): Promise<void>;
  listFindings(runId: string, kind?: Finding['kind']): Promise<StoredFinding[]>;

  // Write-back audit.
  /** Records a write that landed, and clears the item's write intent in the same transaction. */
  recordWrite(write: WrittenValues): Promise<void>;
  lastWritten(uid: string): Promise<WrittenValues | null>;
  recordWriteFailure(failure: WriteFailure): Promise<void>;
  listWriteFailures(runId: string): Promise<WriteFailure[]>;
  /** Records the intents of writes about to be sent, in one transaction; one per item, the newest wins. */
  recordIntents(intents: readonly WriteIntent[]): Promise<void>;
  /** The intents no `recordWrite` has confirmed yet, in uid order. */
  listIntents(): Promise<WriteIntent[]>;
  /** Drops the intents of these items (nothing needs confirming any more). */
  clearIntents(uids: readonly string[]): Promise<void>;

  // Reports.
  saveReport(report: StoredReport): Promise<void>;
  getReport(week: string): Promise<StoredReport | null>;
  listReportWeeks(): Promise<string[]>;

  // Single-runner lease.
  /**
   * Takes the lease if free, expired (`expiresAt <= nowMs`), or already ours; returns the current
   * holder either way. Atomic across processes sharing the store.
   */
  acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    nowMs: number,
  ): Promise<{ acquired: boolean; lease: Lease }>;
  /** Extends the lease to `nowMs + ttlMs` if `holder` still has it; false once another took it over. */
  renewLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it; does nothing otherwise. */
  releaseLease(name: string, holder: string): Promise<void>;
}
