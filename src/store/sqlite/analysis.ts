import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BearingError } from '../../core/index.js';
import type { GoalTag, Score } from '../../model/index.js';
import type { Connection } from './connection.js';

/**
 * A run's tags and scores are sorted by uid and packed BLOCK_SIZE to a compressed block. Reasons,
 * part names, weights and notes repeat across items, so a block compresses about tenfold; one item
 * is found by the block whose first uid is the greatest not above it. 256 keeps a point lookup
 * (`bearing explain`) to one small inflate.
 */
const BLOCK_SIZE = 256;

type Entry = [GoalTag, Score];

/**
 * Orders strings as SQLite's BINARY collation does (UTF-8 bytes, i.e. code points). JS `<` compares
 * UTF-16 units, which disagrees above U+FFFF; block lookups compare in SQL, so the sort must agree.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (code points above U+FFFF) after U+E000–U+FFFF, keeping everything else in order. */
const codePointRank = (unit: number): number =>
  unit >= 0xd800 && unit < 0xe000 ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;

function pair(runId: string, tags: readonly GoalTag[], scores: readonly Score[]): Entry[] {
  const scoreOf = new Map(scores.map((s) => [s.uid, s]));
  const entries: Entry[] = [];
  const tagged = new Set<string>();
  for (const tag of tags) {
    if (tagged.has(tag.uid)) {
      throw new BearingError(
        'fatal',
        `saveAnalysis(${runId}): ${tag.uid} is tagged twice; expected one tag per item`,
      );
    }
    tagged.add(tag.uid);
    const score = scoreOf.get(tag.uid);
    if (!score) throw new BearingError('fatal', `saveAnalysis(${runId}): ${tag.uid} has a tag but no score`);
    entries.push([tag, score]);
  }
  if (scores.length !== entries.length) {
    const stray = scores.find((s) => !tagged.has(s.uid));
    throw new BearingError(
      'fatal',
      stray
        ? `saveAnalysis(${runId}): ${stray.uid} has a score but no tag`
        : `saveAnalysis(${runId}): an item is scored twice; expected one score per item`,
    );
  }
  return entries.sort((a, b) => compareCodePoints(a[0].uid, b[0].uid));
}

/** Replaces everything saved for the run before. */
export function saveAnalysis(
  conn: Connection,
  runId: string,
  tags: readonly GoalTag[],
  scores: readonly Score[],
  nowIso: string,
): void {
  const entries = pair(runId, tags, scores);
  conn.tx(() => {
    conn.stmt('DELETE FROM analysis_sets WHERE run_id = ?').run(runId);
    const set = conn
      .stmt('INSERT INTO analysis_sets (run_id, items, saved_at) VALUES (?, ?, ?) RETURNING seq')
      .get(runId, entries.length, nowIso)!;
    const insert = conn.stmt(
      'INSERT INTO analysis_blocks (set_seq, first_uid, last_uid, data) VALUES (?, ?, ?, ?)',
    );
    for (let i = 0; i < entries.length; i += BLOCK_SIZE) {
      const block = entries.slice(i, i + BLOCK_SIZE);
      const data = deflateRawSync(JSON.stringify(block));
      insert.run(set.seq as number, block[0]![0].uid, block[block.length - 1]![0].uid, data);
    }
  });
}

const decode = (data: unknown): Entry[] =>
  JSON.parse(inflateRawSync(data as Uint8Array).toString('utf8')) as Entry[];

function findEntry(conn: Connection, runId: string, uid: string): Entry | null {
  const row = conn
    .stmt(
      `SELECT b.data FROM analysis_blocks b JOIN analysis_sets s ON s.seq = b.set_seq
       WHERE s.run_id = ? AND b.first_uid <= ? ORDER BY b.first_uid DESC LIMIT 1`,
    )
    .get(runId, uid);
  if (!row) return null;
  return decode(row.data).find(([tag]) => tag.uid === uid) ?? null;
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
    for (const [tag, score] of decode(row.data)) yield { tag, score };
    row = next.get(seq, row.first_uid as string);
  }
}

/** Keeps the analysis of the `keepRuns` most recently saved runs; returns how many runs lost theirs. */
export function pruneAnalysis(conn: Connection, keepRuns: number): number {
  if (!Number.isInteger(keepRuns) || keepRuns < 0) {
    throw new BearingError(
      'fatal',
      `pruneAnalysis: expected a whole number of runs to keep (0 or more), got ${keepRuns}`,
    );
  }
  return conn.tx(() => {
    const { changes } = conn
      .stmt(
        'DELETE FROM analysis_sets WHERE seq NOT IN (SELECT seq FROM analysis_sets ORDER BY seq DESC LIMIT ?)',
      )
      .run(keepRuns);
    return Number(changes);
  });
}
