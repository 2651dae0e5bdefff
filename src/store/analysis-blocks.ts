import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BearingError } from '../core/index.js';
import type { GoalTag, Score } from '../model/index.js';

/**
 * How both stores keep a run's analysis: tags and scores sorted by uid and packed BLOCK_SIZE to a
 * compressed block. Reasons, part names, weights and notes repeat across items, so a block compresses
 * about tenfold; one item is found by the block whose first uid is the greatest not above it. 256
 * keeps a point lookup (`bearing explain`) to one small inflate.
 */
export const BLOCK_SIZE = 256;

export type AnalysisEntry = [GoalTag, Score];

export interface AnalysisBlock {
  firstUid: string;
  lastUid: string;
  data: Buffer;
}

/**
 * Orders strings as SQLite's BINARY collation and PostgreSQL's "C" collation do (UTF-8 bytes, i.e.
 * code points). JS `<` compares UTF-16 units, which disagrees above U+FFFF; block lookups compare in
 * SQL, so the sort must agree.
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

function pair(runId: string, tags: readonly GoalTag[], scores: readonly Score[]): AnalysisEntry[] {
  const scoreOf = new Map(scores.map((s) => [s.uid, s]));
  const entries: AnalysisEntry[] = [];
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

/** Pairs each tag with its score (throwing when they do not describe the same items) and packs them. */
export function packAnalysis(
  runId: string,
  tags: readonly GoalTag[],
  scores: readonly Score[],
): {
  items: number;
  blocks: AnalysisBlock[];
} {
  const entries = pair(runId, tags, scores);
  const blocks: AnalysisBlock[] = [];
  for (let i = 0; i < entries.length; i += BLOCK_SIZE) {
    const block = entries.slice(i, i + BLOCK_SIZE);
    blocks.push({
      firstUid: block[0]![0].uid,
      lastUid: block[block.length - 1]![0].uid,
      data: deflateRawSync(JSON.stringify(block)),
    });
  }
  return { items: entries.length, blocks };
}

export const unpackBlock = (data: Uint8Array): AnalysisEntry[] =>
  JSON.parse(inflateRawSync(data).toString('utf8')) as AnalysisEntry[];

/** The entry for `uid` in the block a lookup found, if the block has it. */
export const entryIn = (data: Uint8Array, uid: string): AnalysisEntry | null =>
  unpackBlock(data).find(([tag]) => tag.uid === uid) ?? null;

export function checkKeepRuns(keepRuns: number): void {
  if (!Number.isInteger(keepRuns) || keepRuns < 0) {
    throw new BearingError(
      'fatal',
      `pruneAnalysis: expected a whole number of runs to keep (0 or more), got ${keepRuns}`,
    );
  }
}
