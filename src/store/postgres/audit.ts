import type { DesiredValues } from '../../model/index.js';
import type { WriteFailure, WriteIntent, WrittenValues } from '../store.js';
import type { Db } from './connection.js';

export async function recordWrite(db: Db, write: WrittenValues): Promise<void> {
  // One statement, so the write's record and the end of its intent commit together.
  await db.query(
    `WITH confirmed AS (DELETE FROM write_intents WHERE uid = $1)
     INSERT INTO writes (uid, run_id, at, vals) VALUES ($1, $2, $3, $4::jsonb)`,
    [write.uid, write.runId, write.at, JSON.stringify(write.values)],
  );
}

export async function recordIntents(db: Db, intents: readonly WriteIntent[]): Promise<void> {
  if (intents.length === 0) return;
  // A uid listed twice would make ON CONFLICT touch one row twice: the last intent wins.
  const latest = [...new Map(intents.map((i) => [i.uid, i])).values()];
  await db.query(
    `INSERT INTO write_intents (uid, run_id, at, vals)
     SELECT uid, run_id, at, vals::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       AS t (uid, run_id, at, vals)
     ON CONFLICT (uid) DO UPDATE SET run_id = EXCLUDED.run_id, at = EXCLUDED.at, vals = EXCLUDED.vals`,
    [
      latest.map((i) => i.uid),
      latest.map((i) => i.runId),
      latest.map((i) => i.at),
      latest.map((i) => JSON.stringify(i.values)),
    ],
  );
}

export async function listIntents(db: Db): Promise<WriteIntent[]> {
  const { rows } = await db.query<{ uid: string; run_id: string; at: string; vals: DesiredValues }>(
    'SELECT uid, run_id, at, vals FROM write_intents ORDER BY uid',
  );
  return rows.map((r) => ({ uid: r.uid, runId: r.run_id, at: r.at, values: r.vals }));
}

export async function clearIntents(db: Db, uids: readonly string[]): Promise<void> {
  if (uids.length === 0) return;
  await db.query('DELETE FROM write_intents WHERE uid = ANY($1::text[])', [uids]);
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
