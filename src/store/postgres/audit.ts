import type { DesiredValues } from '../../model/index.js';
import type { WriteFailure, WrittenValues } from '../store.js';
import type { Db } from './connection.js';

export async function recordWrite(db: Db, write: WrittenValues): Promise<void> {
  await db.query('INSERT INTO writes (uid, run_id, at, vals) VALUES ($1, $2, $3, $4::jsonb)', [
    write.uid,
    write.runId,
    write.at,
    JSON.stringify(write.values),
  ]);
}

/** The newest by the order writes were recorded, not by `at`: clocks of two replicas may disagree. */
export async function lastWritten(db: Db, uid: string): Promise<WrittenValues | null> {
  const { rows } = await db.query<{ uid: string; run_id: string; at: string; vals: DesiredValues }>(
    'SELECT uid, run_id, at, vals FROM writes WHERE uid = $1 ORDER BY seq DESC LIMIT 1',
    [uid],
  );
  const row = rows[0];
  return row ? { uid: row.uid, runId: row.run_id, at: row.at, values: row.vals } : null;
}

export async function recordWriteFailure(db: Db, failure: WriteFailure): Promise<void> {
  await db.query('INSERT INTO write_failures (uid, run_id, reason, at) VALUES ($1, $2, $3, $4)', [
    failure.uid,
    failure.runId,
    failure.reason,
    failure.at,
  ]);
}

export async function listWriteFailures(db: Db, runId: string): Promise<WriteFailure[]> {
  const { rows } = await db.query<{ uid: string; run_id: string; reason: string; at: string }>(
    'SELECT uid, run_id, reason, at FROM write_failures WHERE run_id = $1 ORDER BY seq',
    [runId],
  );
  return rows.map((r) => ({ uid: r.uid, runId: r.run_id, reason: r.reason, at: r.at }));
}
