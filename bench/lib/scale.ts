import type { DuplicateWorkSettings } from '../../src/model/index.js';
import { findDuplicateWork } from '../../src/analysis/duplicate-work/index.js';
import { pairKey } from '../../src/analysis/duplicate-work/links.js';
import { syntheticItems } from './synthetic.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

/**
 * Times findDuplicateWork on `count / 10` and then `count` synthetic items (all inside the window,
 * the worst case) and prints seconds, the growth ratio, peak RSS and how many planted duplicates
 * were flagged. Wall time suffers when other processes share the two cores; CPU time less so.
 */
export function runScale(count: number, settings: DuplicateWorkSettings): void {
  const small = measure(Math.max(1, Math.round(count / 10)), settings);
  const large = measure(count, settings);
  console.log(`time ratio for 10× items: ${(large / small).toFixed(2)}× (budget ≤ 12×)`);
}

function measure(count: number, settings: DuplicateWorkSettings): number {
  const { items, planted } = syntheticItems(count, NOW);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = findDuplicateWork(items, settings, { now: NOW, windowDays: 28, timeZone: 'UTC' });
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const found = new Set(result.pairs.map(({ a, b }) => pairKey(a, b)));
  // Planted pairs of two done items are not duplicate work by definition.
  const done = new Set(items.filter((item) => item.status === 'done').map((item) => item.ref));
  const eligible = planted.filter(([a, b]) => !done.has(a) || !done.has(b));
  const recovered = eligible.filter(([a, b]) => found.has(pairKey(a, b))).length;
  console.log(
    `${count.toLocaleString('en-US')} items: findDuplicateWork ${seconds.toFixed(1)} s ` +
      `(CPU ${((user + system) / 1e6).toFixed(1)} s, all threads), ` +
      `${result.pairs.length.toLocaleString('en-US')} pairs, planted duplicates flagged ` +
      `${recovered}/${eligible.length}; RSS ${mib(before)} before, peak ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
  return seconds;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1_048_576)} MiB`;
}
