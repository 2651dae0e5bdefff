/**
 * Store benchmark (not a test): page commits, streaming and analysis storage on a temp sqlite file.
 *
 *   npx node --import ./test/store/fixtures/ts-resolve.mjs bench/store.ts [items=100000] [rawBytes=1024]
 *
 * Prints throughput and sizes; the target is ≥ 50k items/s for commitPage.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { WorkItem } from '../src/model/index.js';
import { openSqliteStore, type PageCommit } from '../src/store/index.js';
import { scoreOf, tagOf, workItem } from '../test/store/fixtures/work-items.js';

const total = Number(process.argv[2] ?? 100_000);
const rawBytes = Number(process.argv[3] ?? 1024);
const pageSize = 1000;

const dir = mkdtempSync(join(tmpdir(), 'bearing-bench-'));
const path = join(dir, 'bench.db');
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

function pageOf(start: number, edit: (item: WorkItem) => WorkItem = (i) => i): PageCommit {
  const items = [];
  for (let n = start; n < Math.min(start + pageSize, total); n++) {
    const item = edit(workItem(n));
    items.push({
      item,
      raw: { id: item.id, key: item.key, padding: 'r'.repeat(rawBytes) },
    });
  }
  return {
    system: 'jira',
    scope: 'SHOP',
    items,
    quarantined: [],
    cursor: { updatedMs: start, lastId: String(start) },
  };
}

/** Times the commits alone: each page is built before its clock starts. */
async function timedCommits(label: string, edit?: (item: WorkItem) => WorkItem): Promise<void> {
  const counts = { inserted: 0, changed: 0, unchanged: 0 };
  let ms = 0;
  for (let start = 0; start < total; start += pageSize) {
    const p = pageOf(start, edit);
    const t0 = performance.now();
    const r = await store.commitPage(p);
    ms += performance.now() - t0;
    counts.inserted += r.inserted;
    counts.changed += r.changed;
    counts.unchanged += r.unchanged;
  }
  console.log(
    `commitPage ${label}: ${fmt(total / (ms / 1000))} items/s (${(ms / 1000).toFixed(2)} s; ${JSON.stringify(counts)})`,
  );
}

const store = await openSqliteStore({ path });
await store.migrate();
console.log(
  `store bench: ${fmt(total)} items, ${fmt(rawBytes)} B raw padding, pages of ${pageSize}, ${path}`,
);

await timedCommits('insert');
await timedCommits('unchanged');
await timedCommits('changed', (i) => ({ ...i, title: `${i.title} (edited)` }));
console.log(`file after items: ${mb(statSync(path).size + statSync(`${path}-wal`).size)} (db + wal)`);

{
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let n = 0;
  const t0 = performance.now();
  for await (const _ of store.iterateItems()) {
    if (++n % 10_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    `iterateItems: ${fmt(n / s)} items/s (${s.toFixed(2)} s), heap growth at most ${mb(peakHeap - heapBefore)}`,
  );
}

{
  const uids = Array.from({ length: total }, (_, n) => workItem(n).uid);
  const tags = uids.map((u, i) => tagOf(u, i % 5 === 0 ? 'none' : 'digital-revenue'));
  const scores = uids.map((u, i) => scoreOf(u, i % 101));
  let t0 = performance.now();
  await store.saveAnalysis('bench-run', tags, scores);
  const saveS = (performance.now() - t0) / 1000;
  const db = new DatabaseSync(path, { readOnly: true });
  const bytes = Number(db.prepare('SELECT sum(length(data)) AS b FROM analysis_blocks').get()?.b ?? 0);
  db.close();
  const json = JSON.stringify(tags).length + JSON.stringify(scores).length;
  t0 = performance.now();
  let n = 0;
  for await (const _ of store.iterateScores('bench-run')) n++;
  const iterS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  for (let i = 0; i < 1000; i++) await store.getScore('bench-run', uids[(i * 7919) % total]!);
  const lookupMs = performance.now() - t0;
  console.log(
    `saveAnalysis: ${fmt(total / saveS)} items/s; ${(bytes / total).toFixed(1)} B/item stored ` +
      `(${(json / total).toFixed(0)} B/item as JSON), ${mb((bytes / total) * 1_000_000)} per 1M-item run`,
  );
  console.log(
    `iterateScores: ${fmt(n / iterS)} items/s; getScore: ${(lookupMs / 1000).toFixed(3)} ms per lookup`,
  );
}

await store.close();
rmSync(dir, { recursive: true, force: true });
