/**
 * Flag accuracy benchmark (not a test): the sandbox's demo company, with its planted duplicate
 * tools, duplicate work, misaligned work and request pressure (and near misses that must not be
 * flagged), served by the fake Jira and ServiceNow, pulled by the real connectors and analysed by
 * the composed cycle. Prints, per flag, item-level precision and recall against the company's
 * ground truth and whether both reach the 0.9 floor, then the first few misses and false positives.
 *
 *   npx node --import ./test/store/fixtures/ts-resolve.mjs --experimental-transform-types bench/flags.ts [size=2000] [seeds=1,2,3]
 *   … bench/flags.ts --quick        (1,000 tickets, seed 1: a few seconds, for `npm run bench -- --quick`)
 *
 * Runs on Node 24's type stripping and transform (the sandbox uses parameter properties); the import hook maps our `.js`
 * specifiers to the `.ts` sources.
 * Exits 1 when a figure is below the floor. Under `npm run bench` each flag's precision and recall
 * over all seeds are published as figures with the 0.9 floor as their budget.
 */
import { parseArgs } from 'node:util';
import { flagAccuracy, type FlagAccuracy } from '../src/sandbox/company/flag-accuracy.js';
import { atLeast, publish, type Figure } from './lib/figures.js';
import { runPlantedCompany } from './lib/planted-flags.js';

const FLOOR = 0.9;
const SHOWN = 5;

const { values, positionals } = parseArgs({
  options: { quick: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const quick = values.quick ?? false;
const size = Number(positionals[0] ?? (quick ? 1000 : 2000));
const seeds = (positionals[1] ?? (quick ? '1' : '1,2,3')).split(',').map(Number);

let failed = false;
const totals = new Map<string, { expected: number; flagged: number; correct: number }>();
for (const seed of seeds) {
  const started = performance.now();
  const { company, flags } = await runPlantedCompany(seed, size);
  const seconds = (performance.now() - started) / 1000;
  console.log(`seed ${seed}, ${flags.size} items analysed (${seconds.toFixed(1)} s)`);
  for (const accuracy of flagAccuracy(company.groundTruth, flags)) {
    print(accuracy);
    const total = totals.get(accuracy.flag) ?? { expected: 0, flagged: 0, correct: 0 };
    total.expected += accuracy.expected;
    total.flagged += accuracy.flagged;
    total.correct += accuracy.correct;
    totals.set(accuracy.flag, total);
  }
}
if (seeds.length > 1) console.log(`all ${seeds.length} seeds`);
const figures: Record<string, Figure> = {};
for (const [flag, { expected, flagged, correct }] of totals) {
  const precision = flagged === 0 ? 1 : correct / flagged;
  const recall = expected === 0 ? 1 : correct / expected;
  if (seeds.length > 1) console.log(`  ${line(flag, expected, flagged, precision, recall)}`);
  figures[`${flag}.precision`] = atLeast(precision, FLOOR, 'share');
  figures[`${flag}.recall`] = atLeast(recall, FLOOR, 'share');
}
publish('flags', figures);
process.exitCode = failed ? 1 : 0;

function print(a: FlagAccuracy): void {
  console.log(`  ${line(a.flag, a.expected, a.flagged, a.precision, a.recall)}`);
  if (a.precision < FLOOR || a.recall < FLOOR) failed = true;
  if (a.misses.length > 0) console.log(`    missed: ${listed(a.misses)}`);
  if (a.falsePositives.length > 0) console.log(`    false positives: ${listed(a.falsePositives)}`);
}

function line(flag: string, expected: number, flagged: number, precision: number, recall: number): string {
  const met = precision >= FLOOR && recall >= FLOOR ? 'meets' : 'BELOW';
  return (
    `${flag.padEnd(17)} expected ${String(expected).padStart(4)}  flagged ${String(flagged).padStart(4)}  ` +
    `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  ${met} ≥ ${FLOOR}`
  );
}

function listed(refs: readonly string[]): string {
  return refs.slice(0, SHOWN).join(', ') + (refs.length > SHOWN ? ` … (${refs.length} in all)` : '');
}
