import type { DesiredValues, HeldValues, Source, WorkItem } from '../model/index.js';
import type { Cursor, QuarantineRecord } from '../store/store.js';

/** One page of a pull: normalized items with their raw payloads, quarantined records, and the cursor after it. */
export interface PulledPage {
  items: { item: WorkItem; raw: unknown }[];
  quarantined: QuarantineRecord[];
  /** Where the scope stands once this page is stored; committed with the page in one transaction. */
  cursor: Cursor;
}

/** What the pipeline tells a connector at the start of a pull. */
export interface PullContext {
  /** The stored cursor, or null for a first (full) pull. */
  cursor: Cursor | null;
  /** When this run started (epoch ms): the window's upper edge. */
  runStartMs: number;
  signal: AbortSignal;
}

/** One write of bearing's fields onto one item; only the fields listed are sent. */
export interface PlannedWrite {
  item: WorkItem;
  values: DesiredValues;
  fields: (keyof DesiredValues)[];
}

export type WriteOutcome =
  | { uid: string; ok: true }
  | {
      uid: string;
      ok: false;
      reason: string;
      /** Whether the next cycle should try again. */ retry: boolean;
    };

export interface ItemWriter {
  /** Writes a batch; one item's failure never stops the others. */
  write(writes: readonly PlannedWrite[], signal: AbortSignal): Promise<WriteOutcome[]>;
  /**
   * What bearing's fields hold now on these items (uid → values), read from the items themselves and
   * not from a search or window that may lag a write; items the source does not return are left out.
   * Write-back asks it only for items whose earlier write may have landed unrecorded (a crash).
   */
  readHeld(items: readonly WorkItem[], signal: AbortSignal): Promise<Map<string, HeldValues>>;
}

/** What `bearing setup` found or did for one system. */
export interface SetupReport {
  system: Source;
  /** Lines for the admin: found, created, what must still be done by hand. */
  lines: string[];
  /** True when bearing can write (all fields/columns exist). */
  ready: boolean;
}

/**
 * The connector port. A connector owns its wire client, paging and cursors; nothing above it sees
 * jira.js or axios types. Connectors know nothing of goals.
 */
export interface Connector {
  readonly system: Source;
  /**
   * How many requests the connector's rate lane lets run at once (`rateLimit.concurrency`): the pipeline
   * pulls up to twice that many scopes side by side, so round trips overlap and the rate limit is the
   * bound; without it, one scope at a time.
   * @default 1
   */
  readonly concurrency?: number;
  /** The scopes to pull, each with its own cursor (Jira project keys, ServiceNow tables). */
  scopes(signal: AbortSignal): Promise<string[]>;
  /** Streams the scope's changed items since the cursor, page by page. */
  pull(scope: string, context: PullContext): AsyncIterable<PulledPage>;
  /**
   * Lists the source ids (`WorkItem.id`) of every item in the scope upstream now, page by page, for a
   * deletion sweep: ids only, in the largest pages the API allows. A page that cannot be read throws, so
   * a caller never acts on a partial listing.
   */
  listIds(scope: string, signal: AbortSignal): AsyncIterable<string[]>;
  /** Finds or creates bearing's fields (Jira) / checks the columns (ServiceNow). */
  setup(signal: AbortSignal): Promise<SetupReport>;
  /** Reaches the service with the configured credentials (`bearing check`). */
  check(signal: AbortSignal): Promise<string>;
  readonly writer: ItemWriter;
}
