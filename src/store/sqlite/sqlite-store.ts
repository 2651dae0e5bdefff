import { silentLogger, systemClock, toIso, type Clock, type Logger } from '../../core/index.js';
import type { PageCommit, Store } from '../store.js';
import * as analysis from './analysis.js';
import * as audit from './audit.js';
import { openConnection } from './connection.js';
import { toStoreError } from './errors.js';
import * as items from './items.js';
import * as lease from './lease.js';
import { applyMigrations } from './migrations.js';
import { pageWriterFor } from './page-writer.js';
import * as reports from './reports.js';
import * as runs from './runs.js';

export interface SqliteStoreOptions {
  /** The database file (its directory is created if missing), or `:memory:` for a private store gone on close. */
  path: string;
  /** @default a silent logger */
  log?: Logger;
  /** Stamps first/last seen, quarantine, cursor and analysis times. @default systemClock */
  clock?: Clock;
  /**
   * How long a write waits for another process's lock before failing with a `transient` error.
   * @default 5000
   */
  busyTimeoutMs?: number;
  /**
   * Test seam, not for production: called inside commitPage's transaction after the page's items and
   * quarantine entries are written and before the cursor is, so a test can crash or throw right there.
   */
  onBeforeCursorWrite?: (page: PageCommit) => void;
}

/**
 * The embedded store on node:sqlite (WAL, synchronous=NORMAL, foreign keys on). Call `migrate()`
 * before anything else. Every SQLite failure surfaces as a BearingError naming the file and operation.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const { path, clock = systemClock, log = silentLogger(), busyTimeoutMs = 5000 } = options;
  const conn = openConnection(path, busyTimeoutMs);
  const now = (): string => toIso(clock.now());
  const pages = pageWriterFor(conn, { path, busyTimeoutMs }, options.onBeforeCursorWrite);

  const call = <T>(operation: string, fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(toStoreError(e, path, operation));
    }
  };
  async function* stream<T>(operation: string, generator: () => Iterable<T>): AsyncGenerator<T> {
    try {
      yield* generator();
    } catch (e) {
      throw toStoreError(e, path, operation);
    }
  }

  return {
    migrate: () =>
      call('migrate', () => {
        const applied = applyMigrations(conn, now());
        if (applied.length) log.info({ store: path, versions: applied }, 'store schema migrated');
      }),
    close: () => pages.close().then(() => call('close', () => conn.close())),
    ping: () => call('ping', () => void conn.stmt('SELECT 1').get()),

    commitPage: (page) =>
      pages.commit(page, now()).catch((e: unknown) => {
        throw toStoreError(e, path, 'commitPage');
      }),
    getCursor: (system, scope) => call('getCursor', () => items.getCursor(conn, system, scope)),
    getItem: (uid) => call('getItem', () => items.getItem(conn, uid)),
    getItemByRef: (ref) => call('getItemByRef', () => items.getItemByRef(conn, ref)),
    getItemHash: (uid) => call('getItemHash', () => items.getItemHash(conn, uid)),
    getRaw: (uid) => call('getRaw', () => items.getRaw(conn, uid)),
    iterateItems: (filter) => stream('iterateItems', () => items.iterateItems(conn, filter)),
    countItems: (filter) => call('countItems', () => items.countItems(conn, filter)),
    iteratePresence: (source, scope) =>
      stream('iteratePresence', () => items.iteratePresence(conn, source, scope)),
    markDeleted: (uids) => call('markDeleted', () => items.markDeleted(conn, uids)),
    markLive: (uids) => call('markLive', () => items.markLive(conn, uids)),
    updateHeld: (uid, held) => call('updateHeld', () => items.updateHeld(conn, uid, held)),

    listQuarantine: (filter) => call('listQuarantine', () => items.listQuarantine(conn, filter)),
    clearQuarantine: (system, ref) => call('clearQuarantine', () => items.clearQuarantine(conn, system, ref)),

    startRun: (run) => call('startRun', () => runs.startRun(conn, run)),
    finishRun: (id, status, summary) =>
      call('finishRun', () => runs.finishRun(conn, id, status, summary, now())),
    getRun: (id) => call('getRun', () => runs.getRun(conn, id)),
    lastRun: (kind, status) => call('lastRun', () => runs.lastRun(conn, kind, status)),

    saveAnalysis: (runId, tags, scores) =>
      call('saveAnalysis', () => analysis.saveAnalysis(conn, runId, tags, scores, now())),
    getTag: (runId, uid) => call('getTag', () => analysis.getTag(conn, runId, uid)),
    getScore: (runId, uid) => call('getScore', () => analysis.getScore(conn, runId, uid)),
    iterateScores: (runId) => stream('iterateScores', () => analysis.iterateScores(conn, runId)),
    pruneAnalysis: (keepRuns) =>
      call('pruneAnalysis', () => {
        const pruned = analysis.pruneAnalysis(conn, keepRuns);
        if (pruned) log.info({ store: path, pruned, kept: keepRuns }, 'pruned old analysis');
        return pruned;
      }),
    saveFindings: (runId, findings) => call('saveFindings', () => runs.saveFindings(conn, runId, findings)),
    listFindings: (runId, kind) => call('listFindings', () => runs.listFindings(conn, runId, kind)),

    recordWrite: (write) => call('recordWrite', () => audit.recordWrite(conn, write)),
    lastWritten: (uid) => call('lastWritten', () => audit.lastWritten(conn, uid)),
    recordWriteFailure: (failure) =>
      call('recordWriteFailure', () => audit.recordWriteFailure(conn, failure)),
    listWriteFailures: (runId) => call('listWriteFailures', () => audit.listWriteFailures(conn, runId)),
    recordIntents: (intents) => call('recordIntents', () => audit.recordIntents(conn, intents)),
    listIntents: () => call('listIntents', () => audit.listIntents(conn)),
    clearIntents: (uids) => call('clearIntents', () => audit.clearIntents(conn, uids)),

    saveReport: (report) => call('saveReport', () => reports.saveReport(conn, report)),
    getReport: (week) => call('getReport', () => reports.getReport(conn, week)),
    listReportWeeks: () => call('listReportWeeks', () => reports.listReportWeeks(conn)),

    acquireLease: (name, holder, ttlMs, nowMs) =>
      call('acquireLease', () => lease.acquireLease(conn, name, holder, ttlMs, nowMs)),
    renewLease: (name, holder, ttlMs, nowMs) =>
      call('renewLease', () => lease.renewLease(conn, name, holder, ttlMs, nowMs)),
    releaseLease: (name, holder) => call('releaseLease', () => lease.releaseLease(conn, name, holder)),
  };
}
