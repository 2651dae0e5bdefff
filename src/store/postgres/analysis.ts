import type { GoalTag, Score } from '../../model/index.js';
import { checkKeepRuns, entryIn, packAnalysis, unpackBlock, type AnalysisEntry } from '../analysis-blocks.js';
import type { Db } from './connection.js';

/** Replaces everything saved for the run before. */
export async function saveAnalysis(
  db: Db,
  runId: string,
  tags: readonly GoalTag[],
  scores: readonly Score[],
  nowIso: string,
): Promise<void> {
  const { items, blocks } = packAnalysis(runId, tags, scores);
  await db.tx(async (c) => {
    await c.query('DELETE FROM analysis_sets WHERE run_id = $1', [runId]);
    const { rows } = await c.query<{ seq: string }>(
      'INSERT INTO analysis_sets (run_id, items, saved_at) VALUES ($1, $2, $3) RETURNING seq',
      [runId, items, nowIso],
    );
    if (blocks.length === 0) return;
    await c.query(
      `INSERT INTO analysis_blocks (set_seq, first_uid, last_uid, data)
       SELECT $1, u.first_uid, u.last_uid, u.data FROM unnest($2::text[], $3::text[], $4::bytea[]) AS u (first_uid, last_uid, data)`,
      [rows[0]!.seq, blocks.map((b) => b.firstUid), blocks.map((b) => b.lastUid), blocks.map((b) => b.data)],
    );
  });
}

async function findEntry(db: Db, runId: string, uid: string): Promise<AnalysisEntry | null> {
  const { rows } = await db.query<{ data: Buffer }>(
    `SELECT b.data FROM analysis_blocks b JOIN analysis_sets s ON s.seq = b.set_seq
     WHERE s.run_id = $1 AND b.first_uid <= $2 ORDER BY b.first_uid DESC LIMIT 1`,
    [runId, uid],
  );
  return rows[0] ? entryIn(rows[0].data, uid) : null;
}

export const getTag = async (db: Db, runId: string, uid: string): Promise<GoalTag | null> =>
  (await findEntry(db, runId, uid))?.[0] ?? null;

export const getScore = async (db: Db, runId: string, uid: string): Promise<Score | null> =>
  (await findEntry(db, runId, uid))?.[1] ?? null;

/** In uid order, one block in memory at a time. */
export async function* iterateScores(db: Db, runId: string): AsyncGenerator<{ tag: GoalTag; score: Score }> {
  const set = await db.query<{ seq: string }>('SELECT seq FROM analysis_sets WHERE run_id = $1', [runId]);
  const seq = set.rows[0]?.seq;
  if (seq === undefined) return;
  const blockAfter = async (
    after: string | null,
  ): Promise<{ first_uid: string; data: Buffer } | undefined> => {
    const { rows } = await db.query<{ first_uid: string; data: Buffer }>(
      `SELECT first_uid, data FROM analysis_blocks WHERE set_seq = $1 ${after === null ? '' : 'AND first_uid > $2'}
       ORDER BY first_uid LIMIT 1`,
      after === null ? [seq] : [seq, after],
    );
    return rows[0];
  };
  for (let row = await blockAfter(null); row; row = await blockAfter(row.first_uid)) {
    for (const [tag, score] of unpackBlock(row.data)) yield { tag, score };
  }
}

/** Keeps the analysis of the `keepRuns` most recently saved runs; returns how many runs lost theirs. */
export async function pruneAnalysis(db: Db, keepRuns: number): Promise<number> {
  checkKeepRuns(keepRuns);
  const { rowCount } = await db.query(
    'DELETE FROM analysis_sets WHERE seq NOT IN (SELECT seq FROM analysis_sets ORDER BY seq DESC LIMIT $1)',
    [keepRuns],
  );
  return rowCount ?? 0;
}
