import type { DesiredValues } from '../../model/index.js';
import type { WriteFailure, WriteIntent, WrittenValues } from '../store.js';
import type { Connection } from './connection.js';

export function recordWrite(conn: Connection, write: WrittenValues): void {
  conn.tx(() => {
    conn
      .stmt('INSERT INTO writes (uid, run_id, at, vals) VALUES (?, ?, ?, ?)')
      .run(write.uid, write.runId, write.at, JSON.stringify(write.values));
    conn.stmt('DELETE FROM write_intents WHERE uid = ?').run(write.uid);
  });
}

export function recordIntents(conn: Connection, intents: readonly WriteIntent[]): void {
  if (intents.length === 0) return;
  conn.tx(() => {
    const insert = conn.stmt(
      'INSERT OR REPLACE INTO write_intents (uid, run_id, at, vals) VALUES (?, ?, ?, ?)',
    );
    for (const i of intents) insert.run(i.uid, i.runId, i.at, JSON.stringify(i.values));
  });
}

export function listIntents(conn: Connection): WriteIntent[] {
  return conn
    .stmt('SELECT uid, run_id, at, vals FROM write_intents ORDER BY uid')
    .all()
    .map((r) => ({
      uid: r.uid as string,
      runId: r.run_id as string,
      at: r.at as string,
      values: JSON.parse(r.vals as string) as DesiredValues,
    }));
}

export function clearIntents(conn: Connection, uids: readonly string[]): void {
  if (uids.length === 0) return;
  conn.tx(() => {
    const remove = conn.stmt('DELETE FROM write_intents WHERE uid = ?');
    for (const uid of uids) remove.run(uid);
  });
}

/** The newest by the order writes were recorded, not by `at`: clocks of two replicas may disagree. */
export function lastWritten(conn: Connection, uid: string): WrittenValues | null {
  const row = conn
    .stmt('SELECT uid, run_id, at, vals FROM writes WHERE uid = ? ORDER BY seq DESC LIMIT 1')
    .get(uid);
  if (!row) return null;
  return {
    uid: row.uid as string,
    runId: row.run_id as string,
    at: row.at as string,
    values: JSON.parse(row.vals as string) as DesiredValues,
  };
}

export function recordWriteFailure(conn: Connection, failure: WriteFailure): void {
  conn
    .stmt('INSERT INTO write_failures (uid, run_id, reason, at) VALUES (?, ?, ?, ?)')
    .run(failure.uid, failure.runId, failure.reason, failure.at);
}

export function listWriteFailures(conn: Connection, runId: string): WriteFailure[] {
  return conn
    .stmt('SELECT uid, run_id, reason, at FROM write_failures WHERE run_id = ? ORDER BY seq')
    .all(runId)
    .map((r) => ({
      uid: r.uid as string,
      runId: r.run_id as string,
      reason: r.reason as string,
      at: r.at as string,
    }));
}
