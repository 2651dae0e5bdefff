import { silentLogger, systemClock, toIso, type Clock, type Logger } from '../../core/index.js';
import type { PageCommit, Store } from '../store.js';
import * as analysis from './analysis.js';
import * as audit from './audit.js';
import { openPool } from './connection.js';
import { closedError, toStoreError } from './errors.js';
import * as items from './items.js';
import * as lease from './lease.js';
import { applyMigrations } from './migrations.js';
import * as reports from './reports.js';
import * as runs from './runs.js';

export interface PostgresStoreOptions {
  /** `postgres://user[:password]@host[:port]/database`; libpq query parameters such as `sslmode` apply. */
  url: string;
  /**
   * Keeps bearing's tables in this schema (lower-case letters, digits and _), created by `migrate()`.
   * @default the connection's search_path, usually `public`
   */
  schema?: string;
  /** Connections the pool opens at most. @default 10 */
  maxConnections?: number;
  /** How long a statement waits for a free or new connection before failing as `transient`. @default 10000 */
  connectTimeoutMs?: number;
  /** @default a silent logger */
  log?: Logger;
  /** Stamps first/last seen, quarantine, cursor and analysis times. @default systemClock */
  clock?: Clock;
  /**
   * Test seam, not for production: called inside commitPage's transaction after the page's items and
   * quarantine entries are written and before the cursor is, so a test can crash or throw right there.
   */
  onBeforeCursorWrite?: (page: PageCommit) => void;
}

/**
 * The store on PostgreSQL through a node-postgres pool. Call `migrate()` before anything else. No
 * connection is opened until the first call; every database failure surfaces as a BearingError naming
 * the store (without its password) and the operation.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { clock = systemClock, log = silentLogger() } = options;
  const db = openPool({
    url: options.url,
    schema: options.schema,
    maxConnections: options.maxConnections ?? 10,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    log,
  });
  const now = (): string => toIso(clock.now());

  const call = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    if (db.closed) throw closedError(db.label, operation);
    try {
      return await fn();
    } catch (e) {
      throw toStoreError(e, db.label, operation);
    }
  };
  async function* stream<T>(operation: string, generator: () => AsyncIterable<T>): AsyncGenerator<T> {
    if (db.closed) throw closedError(db.label, operation);
    try {
      yield* generator();
    } catch (e) {
      throw toStoreError(e, db.label, operation);
    }
  }

  return {
    migrate: () =>
      call('migrate', async () => {
        const applied = await applyMigrations(db, now());
        if (applied.length) log.info({ store: db.label, versions: applied }, 'store schema migrated');
      }),
    close: () => db.close(),
    ping: () => call('ping', async () => void (await db.query('SELECT 1'))),

    commitPage: (page) =>
      call('commitPage', () => items.commitPage(db, page, now(), options.onBeforeCursorWrite)),
    getCursor: (system, scope) => call('getCursor', () => items.getCursor(db, system, scope)),
    getItem: (uid) => call('getItem', () => items.getItem(db, uid)),
    getItemByRef: (ref) => call('getItemByRef', () => items.getItemByRef(db, ref)),
    getItemHash: (uid) => call('getItemHash', () => items.getItemHash(db, uid)),
    getRaw: (uid) => call('getRaw', () => items.getRaw(db, uid)),
    iterateItems: (filter) => stream('iterateItems', () => items.iterateItems(db, filter)),
    countItems: (filter) => call('countItems', () => items.countItems(db, filter)),
    iteratePresence: (source, scope) =>
      stream('iteratePresence', () => items.iteratePresence(db, source, scope)),
    markDeleted: (uids) => call('markDeleted', () => items.markDeleted(db, uids)),
    markLive: (uids) => call('markLive', () => items.markLive(db, uids)),
    updateHeld: (uid, held) => call('updateHeld', () => items.updateHeld(db, uid, held)),

    listQuarantine: (filter) => call('listQuarantine', () => items.listQuarantine(db, filter)),
    clearQuarantine: (system, ref) => call('clearQuarantine', () => items.clearQuarantine(db, system, ref)),

    startRun: (run) => call('startRun', () => runs.startRun(db, run)),
    finishRun: (id, status, summary) =>
      call('finishRun', () => runs.finishRun(db, id, status, summary, now())),
    getRun: (id) => call('getRun', () => runs.getRun(db, id)),
    lastRun: (kind, status) => call('lastRun', () => runs.lastRun(db, kind, status)),

    saveAnalysis: (runId, tags, scores) =>
      call('saveAnalysis', () => analysis.saveAnalysis(db, runId, tags, scores, now())),
    getTag: (runId, uid) => call('getTag', () => analysis.getTag(db, runId, uid)),
    getScore: (runId, uid) => call('getScore', () => analysis.getScore(db, runId, uid)),
    iterateScores: (runId) => stream('iterateScores', () => analysis.iterateScores(db, runId)),
    pruneAnalysis: (keepRuns) =>
      call('pruneAnalysis', async () => {
        const pruned = await analysis.pruneAnalysis(db, keepRuns);
        if (pruned) log.info({ store: db.label, pruned, kept: keepRuns }, 'pruned old analysis');
        return pruned;
      }),
    saveFindings: (runId, findings) => call('saveFindings', () => runs.saveFindings(db, runId, findings)),
    listFindings: (runId, kind) => call('listFindings', () => runs.listFindings(db, runId, kind)),

    recordWrite: (write) => call('recordWrite', () => audit.recordWrite(db, write)),
    lastWritten: (uid) => call('lastWritten', () => audit.lastWritten(db, uid)),
    recordWriteFailure: (failure) => call('recordWriteFailure', () => audit.recordWriteFailure(db, failure)),
    listWriteFailures: (runId) => call('listWriteFailures', () => audit.listWriteFailures(db, runId)),
    recordIntents: (intents) => call('recordIntents', () => audit.recordIntents(db, intents)),
    listIntents: () => call('listIntents', () => audit.listIntents(db)),
    clearIntents: (uids) => call('clearIntents', () => audit.clearIntents(db, uids)),

    saveReport: (report) => call('saveReport', () => reports.saveReport(db, report)),
    getReport: (week) => call('getReport', () => reports.getReport(db, week)),
    listReportWeeks: () => call('listReportWeeks', () => reports.listReportWeeks(db)),

    acquireLease: (name, holder, ttlMs, nowMs) =>
      call('acquireLease', () => lease.acquireLease(db, name, holder, ttlMs, nowMs)),
    renewLease: (name, holder, ttlMs, nowMs) =>
      call('renewLease', () => lease.renewLease(db, name, holder, ttlMs, nowMs)),
    releaseLease: (name, holder) => call('releaseLease', () => lease.releaseLease(db, name, holder)),
  };
}
