/** The page writer's thread (page-writer.ts): a connection of its own that stores pages as asked. */
import { parentPort, workerData } from 'node:worker_threads';
import type { PageCommitResult } from '../store.js';
import { openConnection, type Connection } from './connection.js';
import { writePageRows, type PageRows } from './page-rows.js';

export interface WriterSettings {
  path: string;
  busyTimeoutMs: number;
}

export type WriterRequest = { id: number; rows: PageRows; nowIso: string } | { close: true };

export interface WriterReply {
  id: number;
  result?: PageCommitResult;
  /** What SQLite threw: the fields the store's error mapping reads. */
  error?: { message: string; code?: unknown; errcode?: unknown; errstr?: unknown };
}

const settings = workerData as WriterSettings;
const port = parentPort;

function errorOf(e: unknown): NonNullable<WriterReply['error']> {
  if (typeof e !== 'object' || e === null) return { message: String(e) };
  const { message, code, errcode, errstr } = e as { message?: unknown } & Record<string, unknown>;
  return { message: typeof message === 'string' ? message : String(e), code, errcode, errstr };
}

if (port) {
  let conn: Connection | undefined;
  let openFailure: unknown;
  try {
    conn = openConnection(settings.path, settings.busyTimeoutMs);
  } catch (e) {
    openFailure = e;
  }
  port.on('message', (request: WriterRequest) => {
    if ('close' in request) {
      conn?.close();
      port.close();
      return;
    }
    let reply: WriterReply;
    try {
      if (!conn) throw openFailure;
      reply = { id: request.id, result: writePageRows(conn, request.rows, request.nowIso) };
    } catch (e) {
      reply = { id: request.id, error: errorOf(e) };
    }
    port.postMessage(reply);
  });
}
