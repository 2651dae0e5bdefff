/**
 * `npm run bench [-- --quick] [-- --only jira,servicenow]`: every benchmark in turn against the
 * sandbox's loopback servers and generated data, then one table of the figures and
 * bench/results/latest.json, where each budgeted figure is `{ value, budget, kind, unit }`.
 *
 * `--quick` measures at 10k items only (a few minutes); the full run adds 100k for sync and
 * write-back and 100k and 1M for the analysis. Each bench runs in a child process of its own and
 * hands its figures over through the BENCH_FIGURES file (bench/lib/figures.ts), so its peak RSS is
 * its own. Not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMet, type Figure } from './lib/figures.js';

interface Bench {
  name: string;
  script: string;
  args: (quick: boolean) => string[];
}

const BENCHES: readonly Bench[] = [
  { name: 'jira', script: 'sync-jira.ts', args: () => ['10000', '50', '20'] },
  { name: 'jira-100k', script: 'sync-jira.ts', args: () => ['100000', '50', '20'] },
  {
    name: 'servicenow',
    script: 'sync-servicenow.ts',
    args: (quick) => [quick ? '10000' : '10000,100000', '--latency=50', '--rate=20'],
  },
  { name: 'writeback', script: 'writeback.ts', args: (quick) => (quick ? ['--quick'] : []) },
  {
    name: 'analysers',
    script: 'analysers.ts',
    args: (quick) => [quick ? '10000' : '10000,100000,1000000'],
  },
  { name: 'mapping', script: 'mapping.ts', args: (quick) => (quick ? ['10000'] : []) },
  { name: 'flags', script: 'flags.ts', args: (quick) => (quick ? ['--quick'] : []) },
  { name: 'duplicates', script: 'duplicates.ts', args: () => [] },
  { name: 'replicas', script: 'replicas.ts', args: () => ['20000', '10'] },
];
/** Too long for --quick, or needing PostgreSQL (`eval "$(npm run -s pg:test-server)"`). */
const QUICK_SKIPS = new Set(['jira-100k', 'replicas']);

const here = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick ?? false;
const only = values.only ? new Set(values.only.split(',')) : null;

function runBench(bench: Bench, figuresFile: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-transform-types',
      '--no-warnings=ExperimentalWarning',
      '--import',
      join(here, '../test/store/fixtures/ts-resolve.mjs'),
      join(here, bench.script),
      ...bench.args(quick),
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_FIGURES: figuresFile } },
  );
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const dir = mkdtempSync(join(tmpdir(), 'bearing-bench-'));
const figuresFile = join(dir, 'figures.jsonl');
const failures: string[] = [];
const started = Date.now();
for (const bench of BENCHES) {
  if (only ? !only.has(bench.name) : quick && QUICK_SKIPS.has(bench.name)) continue;
  if (bench.name === 'replicas' && !process.env.BEARING_TEST_POSTGRES_URL) {
    failures.push('replicas: needs PostgreSQL (eval "$(npm run -s pg:test-server)" first)');
    continue;
  }
  if (!existsSync(join(here, bench.script))) {
    failures.push(`${bench.name}: bench/${bench.script} is missing`);
    continue;
  }
  console.log(`\n== ${bench.name}: bench/${bench.script} ${bench.args(quick).join(' ')}`);
  const code = await runBench(bench, figuresFile);
  if (code !== 0) failures.push(`${bench.name}: exited with ${code}`);
}

const figures: Record<string, Figure> = {};
if (existsSync(figuresFile)) {
  for (const line of readFileSync(figuresFile, 'utf8').split('\n')) {
    if (!line) continue;
    const { name, ...figure } = JSON.parse(line) as Figure & { name: string };
    figures[name] = figure;
  }
}
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
const rows = Object.entries(figures).map(([name, f]) => {
  const met = isMet(f);
  const budget = f.budget === undefined ? '' : `${f.kind === 'max' ? '≤' : '≥'} ${fmt(f.budget)}`;
  return [name, fmt(f.value), budget, f.unit, met === undefined ? '' : met ? 'met' : 'MISSED'];
});
const header = ['figure', 'value', 'budget', 'unit', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of rows) console.log(line(row));

const missed = Object.values(figures).filter((f) => isMet(f) === false).length;
const budgeted = Object.values(figures).filter((f) => isMet(f) !== undefined).length;
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\n${budgeted - missed} of ${budgeted} budgets met in ${minutes} min${quick ? ' (quick)' : ''}`);
for (const failure of failures) console.log(`not measured: ${failure}`);

const results = join(here, 'results');
mkdirSync(results, { recursive: true });
writeFileSync(
  join(results, 'latest.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      quick,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      notMeasured: failures,
      figures,
    },
    null,
    2,
  )}\n`,
);
console.log(`figures written to bench/results/latest.json`);
process.exitCode = failures.length > 0 ? 1 : 0;
