import type { GoalTag, Score } from '../../model/index.js';
import { checkKeepRuns, entryIn, packAnalysis, unpackBlock, type AnalysisEntry } from '../analysis-blocks.js';
import type { Connection } from './connection.js';

/** Replaces everything saved for the run before. */
export function saveAnalysis(
  conn: Connection,
  runId: string,
  tags: readonly GoalTag[],
  scores: readonly Score[],
  nowIso: string,
): void {
  const { items, blocks } = packAnalysis(runId, tags, scores);
  conn.tx(() => {
    conn.stmt('DELETE FROM analysis_sets WHERE run_id = ?').run(runId);
    const set = conn
      .stmt('INSERT INTO analysis_sets (run_id, items, saved_at) VALUES (?, ?, ?) RETURNING seq')
      .get(runId, items, nowIso)!;
    const insert = conn.stmt(
      'INSERT INTO analysis_blocks (set_seq, first_uid, last_uid, data) VALUES (?, ?, ?, ?)',
    );
    for (const b of blocks) insert.run(set.seq as number, b.firstUid, b.lastUid, b.data);
  });
}

function findEntry(conn: Connection, runId: string, uid: string): AnalysisEntry | null {
  const row = conn
    .stmt(
      `SELECT b.data FROM analysis_blocks b JOIN analysis_sets s ON s.seq = b.set_seq
       WHERE s.run_id = ? AND b.first_uid <= ? ORDER BY b.first_uid DESC LIMIT 1`,
    )
    .get(runId, uid);
  return row ? entryIn(row.data as Uint8Array, uid) : null;
}

export const getTag = (conn: Connection, runId: string, uid: string): GoalTag | null =>
  findEntry(conn, runId, uid)?.[0] ?? null;

export const getScore = (conn: Connection, runId: string, uid: string): Score | null =>
  findEntry(conn, runId, uid)?.[1] ?? null;

/** In uid order, one block in memory at a time. */
export function* iterateScores(conn: Connection, runId: string): Generator<{ tag: GoalTag; score: Score }> {
  const set = conn.stmt('SELECT seq FROM analysis_sets WHERE run_id = ?').get(runId);
  if (!set) return;
  const seq = set.seq as number;
  const next = conn.stmt(
    'SELECT first_uid, data FROM analysis_blocks WHERE set_seq = ? AND first_uid > ? ORDER BY first_uid LIMIT 1',
  );
  let row = conn
    .stmt('SELECT first_uid, data FROM analysis_blocks WHERE set_seq = ? ORDER BY first_uid LIMIT 1')
    .get(seq);
  while (row) {
    for (const [tag, score] of unpackBlock(row.data as Uint8Array)) yield { tag, score };
    row = next.get(seq, row.first_uid as string);
  }
}

/** Keeps the analysis of the `keepRuns` most recently saved runs; returns how many runs lost theirs. */
export function pruneAnalysis(conn: Connection, keepRuns: number): number {
  checkKeepRuns(keepRuns);
  return conn.tx(() => {
    const { changes } = conn
      .stmt(
        'DELETE FROM analysis_sets WHERE seq NOT IN (SELECT seq FROM analysis_sets ORDER BY seq DESC LIMIT ?)',
      )
      .run(keepRuns);
    return Number(changes);
  });
}
