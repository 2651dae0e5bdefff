/**
 * Duplicate-work benchmark (not a test) on real public Jira data and on synthetic volume.
 *
 *   npx node --import ./test/store/fixtures/ts-resolve.mjs bench/duplicates.ts [--issues FILE --pairs FILE]
 *   npx node --import ./test/store/fixtures/ts-resolve.mjs bench/duplicates.ts --hadoop
 *   npx node --import ./test/store/fixtures/ts-resolve.mjs bench/duplicates.ts --scale 1000000
 *
 * Runs on Node 24's type stripping (the import hook maps our `.js` specifiers to the `.ts` sources),
 * so no build is needed. Defaults: the TiDev and the GitBugs Hadoop issues and pairs in
 * ../shared/data, one after the other; `--tidev` or `--hadoop` selects one. Links and duplicate
 * fields are hidden from the detector. Under `npm run bench` each dataset's recall@1/5/10 are
 * published, recall@5 against the REP anchor (0.60 Hadoop; 0.55, Spark's, for TiDev).
 *
 * Prints recall@1/5/10 (a ground-truth pair counts as found at k when either issue ranks the other in
 * its top k), precision and recall of the pairs flagged at the configured threshold (window and
 * status rules off: the dumps are years old and mostly resolved), index build time and queries/s.
 * `--scale N` times findDuplicateWork on N synthetic items (and N/10, for the growth ratio) and
 * prints seconds and peak RSS.
 *
 * Data: TiDev Jira archive (github.com/tidev/jira-archive, Apache-2.0); GitBugs (Patil, "GitBugs:
 * Bug Reports for Duplicate Detection", arXiv:2504.09651, CC BY 4.0). Anchors: REP (Sun et al.,
 * "Towards more accurate retrieval of duplicate bug reports", ASE 2011) on Apache Jira data.
 */
import { parseArgs } from 'node:util';
import { duplicateWorkSettingsSchema, type DuplicateWorkSettings } from '../src/model/index.js';
import { flaggedPairs, indexWorkItems } from '../src/analysis/duplicate-work/index.js';
import { atLeast, figure, publish } from './lib/figures.js';
import { readIssues, readTruthPairs, type TruthPair } from './lib/jira-data.js';
import { runScale } from './lib/scale.js';

const DATA = new URL('../../shared/data/', import.meta.url).pathname;

const { values } = parseArgs({
  options: {
    issues: { type: 'string' },
    pairs: { type: 'string' },
    hadoop: { type: 'boolean', default: false },
    tidev: { type: 'boolean', default: false },
    scale: { type: 'string' },
    threshold: { type: 'string' },
  },
});

const settings: DuplicateWorkSettings = duplicateWorkSettingsSchema.parse(
  values.threshold === undefined ? {} : { threshold: Number(values.threshold) },
);

/** Name, file prefix in ../shared/data, recall@5 anchor (REP: 0.60 on Hadoop, 0.55 on Spark). */
const DATASETS = [
  ['tidev', 'jira_tidev', 0.55],
  ['hadoop', 'jira_gitbugs_hadoop', 0.6],
] as const;

if (values.scale !== undefined) {
  runScale(Number(values.scale), settings);
} else if (values.issues !== undefined || values.pairs !== undefined) {
  measureRealData(values.issues ?? '', values.pairs ?? '', settings);
} else {
  const both = !values.hadoop && !values.tidev;
  for (const [name, file, anchor] of DATASETS) {
    if (!both && !values[name]) continue;
    const recall = measureRealData(
      `${DATA}${file}_issues.jsonl`,
      `${DATA}${file}_duplicate_pairs.jsonl`,
      settings,
    );
    publish('duplicates', {
      [`${name}.recall@1`]: figure(recall.at1, 'recall@1'),
      [`${name}.recall@5`]: atLeast(recall.at5, anchor, 'recall@5'),
      [`${name}.recall@10`]: figure(recall.at10, 'recall@10'),
    });
  }
}

function measureRealData(
  issuesPath: string,
  pairsPath: string,
  settings: DuplicateWorkSettings,
): { at1: number; at5: number; at10: number } {
  const items = readIssues(issuesPath);
  const truth = readTruthPairs(pairsPath, new Set(items.map((item) => item.ref)));
  console.log(
    `${issuesPath}: ${items.length} issues, ${truth.length} duplicate pairs with both issues present`,
  );

  let started = performance.now();
  const index = indexWorkItems(items, settings);
  const buildMs = performance.now() - started;

  started = performance.now();
  const ranked = new Map<string, string[]>();
  for (const item of items)
    ranked.set(
      item.ref,
      index.topK(item.ref, 10).map((hit) => hit.ref),
    );
  const queryMs = performance.now() - started;

  const recallAt = (k: number): number => {
    const found = truth.filter(
      ({ a, b }) => ranked.get(a)?.slice(0, k).includes(b) || ranked.get(b)?.slice(0, k).includes(a),
    );
    return found.length / truth.length;
  };
  console.log(
    `recall@1 ${fmt(recallAt(1))}  recall@5 ${fmt(recallAt(5))}  recall@10 ${fmt(recallAt(10))}` +
      '   (anchors, Apache Jira: REP recall@5 0.60 Hadoop / 0.55 Spark; full-text search 0.36 / 0.38)',
  );

  const flagged = flaggedPairs(index.search, settings);
  const truthKeys = new Set(truth.map(key));
  const refOf = (doc: number): string => index.items[doc]?.ref ?? '';
  const known = flagged.filter(({ a, b }) => truthKeys.has(key(ordered(refOf(a), refOf(b)))));
  console.log(
    `flagged at threshold ${settings.threshold}: ${flagged.length} pairs, ${known.length} known duplicates — ` +
      `precision ${fmt(known.length / Math.max(1, flagged.length))}, recall ${fmt(known.length / truth.length)} ` +
      '(ground truth is incomplete: many unlinked flagged pairs are real duplicates, clones or spam)',
  );
  const position = new Map(items.map((item, doc) => [item.ref, doc]));
  const similarities = truth
    .map(({ a, b }) => index.search.similarity(position.get(a) ?? 0, position.get(b) ?? 0))
    .sort((x, y) => x - y);
  const quantile = (q: number): string => fmt(similarities[Math.floor(q * (similarities.length - 1))] ?? 0);
  console.log(
    `similarity of known duplicate pairs: quartiles ${quantile(0.25)} / ${quantile(0.5)} / ${quantile(0.75)}, ` +
      `max ${quantile(1)}`,
  );
  console.log(
    `index build ${buildMs.toFixed(0)} ms; ${items.length} top-10 queries in ${queryMs.toFixed(0)} ms, ` +
      `the ranking index built by the first included (${Math.round(items.length / (queryMs / 1000))} queries/s)`,
  );
  return { at1: recallAt(1), at5: recallAt(5), at10: recallAt(10) };
}

function ordered(a: string, b: string): TruthPair {
  return a < b ? { a, b } : { a: b, b: a };
}

function key(pair: TruthPair): string {
  return `${pair.a} ${pair.b}`;
}

function fmt(value: number): string {
  return value.toFixed(3);
}
