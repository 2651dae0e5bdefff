import { Worker } from 'node:worker_threads';
import { BearingError } from '../../core/index.js';
import type { PageCommit, PageCommitResult } from '../store.js';
import { MEMORY, type Connection } from './connection.js';
import { toPageRows, writePageRows } from './page-rows.js';
import type { WriterReply, WriterRequest, WriterSettings } from './page-writer-worker.js';

/** Stores pulled pages. Commits run one after another, in the order they were asked for. */
export interface PageWriter {
  commit(page: PageCommit, nowIso: string): Promise<PageCommitResult>;
  /** Waits for the commits asked for, then lets go of the writer's connection. */
  close(): Promise<void>;
}

/**
 * The writer for a store: on a thread of its own with a second connection (WAL lets the store's
 * connection read meanwhile), so that SQLite storing one page — most of a pull's CPU after the HTTP
 * answers — overlaps with the next page being fetched and normalized. An in-memory database cannot
 * be shared between connections, and the crash-test seam must run inside the transaction, so those
 * commit on the store's own connection.
 */
export function pageWriterFor(
  conn: Connection,
  settings: WriterSettings,
  beforeCursor?: (page: PageCommit) => void,
): PageWriter {
  if (settings.path === MEMORY || beforeCursor) return inThreadWriter(conn, beforeCursor);
  return threadWriter(settings);
}

function inThreadWriter(conn: Connection, beforeCursor?: (page: PageCommit) => void): PageWriter {
  return {
    commit: async (page, nowIso) =>
      writePageRows(conn, toPageRows(page), nowIso, beforeCursor && (() => beforeCursor(page))),
    close: async () => {},
  };
}

/** What SQLite threw on the writer thread, rebuilt with the fields toStoreError reads. */
function rebuilt(error: NonNullable<WriterReply['error']>): Error {
  return Object.assign(new Error(error.message), error);
}

const closedError = (): Error =>
  Object.assign(new Error('the store is already closed'), { code: 'ERR_INVALID_STATE' });

function threadWriter(settings: WriterSettings): PageWriter {
  let worker: Worker | undefined;
  let failure: Error | undefined;
  let closed = false;
  let nextId = 0;
  let last: Promise<unknown> = Promise.resolve();
  const pending = new Map<number, { resolve: (r: PageCommitResult) => void; reject: (e: Error) => void }>();

  const failAll = (error: Error): void => {
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker?.unref();
  };

  // Started on the first commit: commands that never store a page (report, explain) need no thread.
  const started = (): Worker => {
    if (worker) return worker;
    worker = startWorker(settings);
    worker.on('message', (reply: WriterReply) => {
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if (reply.error) waiter.reject(rebuilt(reply.error));
      else waiter.resolve(reply.result as PageCommitResult);
      // An idle writer must not keep the process alive: only a commit being awaited does.
      if (pending.size === 0) worker?.unref();
    });
    // Pages stored so far stay stored; the rest of this process cannot store pages any more.
    const stopped = (why: string, cause?: unknown): BearingError =>
      new BearingError(
        'fatal',
        `store ${settings.path}: the thread that stores pulled pages stopped (${why}); restart bearing`,
        { cause },
      );
    worker.on('error', (error) => failAll(stopped(error.message, error)));
    worker.on('exit', (code) => {
      if (!closed) failAll(stopped(`exit code ${code}`));
    });
    return worker;
  };

  return {
    async commit(page, nowIso) {
      if (closed) throw closedError();
      if (failure) throw failure;
      const rows = toPageRows(page);
      const thread = started();
      const id = nextId++;
      const committed = new Promise<PageCommitResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.ref();
        thread.postMessage({ id, rows, nowIso } satisfies WriterRequest);
      });
      last = committed.catch(() => undefined);
      return committed;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!worker) return;
      const thread = worker;
      // The writer answers in order: once the last commit asked for is settled, all are.
      await last;
      if (failure) return;
      thread.ref();
      await new Promise<void>((done) => {
        thread.once('exit', () => done());
        thread.postMessage({ close: true } satisfies WriterRequest);
      });
    },
  };
}

function startWorker(settings: WriterSettings): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./page-writer-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  // Running from the TypeScript sources (tests, benches), Node strips the types itself and the
  // repository's resolve hook maps our `.js` import specifiers to the `.ts` files.
  const hook = new URL('../../../test/store/fixtures/ts-resolve.mjs', import.meta.url);
  return new Worker(entry, {
    workerData: settings,
    // `--cpu-prof` is kept so a profiled bench profiles the writer too.
    ...(fromSources
      ? { execArgv: [...process.execArgv.filter((a) => a.startsWith('--cpu-prof')), '--import', hook.href] }
      : {}),
  });
}
