import type { DesiredValues } from '../../model/index.js';
import type { WriteFailure, WrittenValues } from '../store.js';
import type { Connection } from './connection.js';

export function recordWrite(conn: Connection, write: WrittenValues): void {
  conn
    .stmt('INSERT INTO writes (uid, run_id, at, vals) VALUES (?, ?, ?, ?)')
    .run(write.uid, write.runId, write.at, JSON.stringify(write.values));
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
