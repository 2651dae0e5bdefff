import { FLAGS, type Flag } from '../../model/index.js';
import type { GroundTruth } from '../seed.js';

/** How well one flag's items match the planted ground truth. */
export interface FlagAccuracy {
  flag: Flag;
  /** Items the ground truth says carry the flag. */
  expected: number;
  /** Items bearing flagged. */
  flagged: number;
  /** Items in both. */
  correct: number;
  /** correct / flagged (1 when nothing was flagged). */
  precision: number;
  /** correct / expected (1 when nothing was expected). */
  recall: number;
  /** Refs flagged but not expected, and expected but not flagged, in ref order. */
  falsePositives: string[];
  misses: string[];
}

/** Per flag, the refs the ground truth says must carry it. */
export function expectedFlags(truth: GroundTruth): Record<Flag, ReadonlySet<string>> {
  return {
    'duplicate-tool': new Set(truth.duplicateTools.flatMap((c) => c.items)),
    'duplicate-work': new Set(truth.duplicateWork.flatMap((p) => p.items)),
    misaligned: new Set(truth.misaligned),
    'request-pressure': new Set(truth.requestPressure.flatMap((t) => t.items)),
  };
}

/**
 * Item-level precision and recall of each flag, as project managers see flags on their tickets:
 * `flagsOf` maps every analysed item's ref to the flags bearing gave it.
 */
export function flagAccuracy(
  truth: GroundTruth,
  flagsOf: ReadonlyMap<string, readonly Flag[]>,
): FlagAccuracy[] {
  const expected = expectedFlags(truth);
  return FLAGS.map((flag) => {
    const want = expected[flag];
    const got = [...flagsOf].filter(([, flags]) => flags.includes(flag)).map(([ref]) => ref);
    const falsePositives = got.filter((ref) => !want.has(ref)).sort();
    const correct = got.length - falsePositives.length;
    const misses = [...want].filter((ref) => !flagsOf.get(ref)?.includes(flag)).sort();
    return {
      flag,
      expected: want.size,
      flagged: got.length,
      correct,
      precision: got.length === 0 ? 1 : correct / got.length,
      recall: want.size === 0 ? 1 : correct / want.size,
      falsePositives,
      misses,
    };
  });
}
