/**
 * Benchmark (not a test) of the demo company generator: generates `size` tickets, serialises each
 * to JSON and drops it, then prints the time and the peak RSS. Budget: 1M tickets under 60 s.
 *
 *   npx node --import ./test/store/fixtures/ts-resolve.mjs bench/generate.ts [size=1000000] [seed=1]
 *
 * Runs on Node 24's type stripping, so no build is needed. The ground truth is not collected
 * (that is a second pass; see `Company.groundTruth`).
 */
import { generateCompany } from '../src/sandbox/company/index.js';

const size = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const now = Date.UTC(2026, 10, 20, 12);

const started = performance.now();
const company = generateCompany({ seed, size, now });
let count = 0;
let bytes = 0;
for (const ticket of company.tickets) {
  bytes += JSON.stringify(ticket).length + 1;
  count++;
}
const seconds = (performance.now() - started) / 1000;
const peakMiB = process.resourceUsage().maxRSS / 1024;

console.log(
  `${count.toLocaleString('en-US')} tickets, ${(bytes / 2 ** 20).toFixed(0)} MiB of JSON lines in ${seconds.toFixed(1)} s ` +
    `(${Math.round(count / seconds).toLocaleString('en-US')}/s); peak RSS ${peakMiB.toFixed(0)} MiB`,
);
