import { describe, expect, it } from 'vitest';
import { meterWrites, observeCycle } from '../../src/app/observe.js';
import type { Connector } from '../../src/connectors/connector.js';
import { createMetrics } from '../../src/metrics/index.js';
import type { ScopeSummary } from '../../src/pipeline/sync.js';
import { memoryLog, waitFor } from './fixtures/helpers.js';
import { parseSamples, sum } from './fixtures/world.js';

const page = (system: string, scope: string, items: number, quarantined = 0): ScopeSummary => ({
  system,
  scope,
  pages: 1,
  items,
  inserted: items,
  changed: 0,
  unchanged: 0,
  quarantined,
});

describe('what a cycle shows while it runs', () => {
  it('counts each stored page once in the pull metrics and logs progress lines as a service', async () => {
    const { log, lines } = memoryLog();
    const metrics = createMetrics();
    const observer = observeCycle({ log, metrics, progressIntervalMs: 20 });
    // Sync reports each scope's running totals after every page.
    observer.onPage(page('jira', 'SHOP', 100));
    observer.onPage(page('servicenow', 'incident', 50, 1));
    observer.onPage(page('jira', 'SHOP', 250, 2));
    await waitFor(() => lines.some((l) => /^sync: items pulled: 300, /.test(l.msg)), 'a progress line');
    for (let i = 0; i < 3; i++) observer.onScored();
    observer.finish();

    const samples = parseSamples((await metrics.render()).body);
    expect(sum(samples, 'bearing_items_pulled_total', { system: 'jira', scope: 'SHOP' })).toBe(250);
    expect(sum(samples, 'bearing_items_pulled_total', { system: 'servicenow' })).toBe(50);
    expect(sum(samples, 'bearing_items_quarantined_total')).toBe(3);
    const done = lines.map((l) => l.msg).filter((m) => m.includes(': done, '));
    expect(done).toEqual([
      expect.stringMatching(/^sync: items pulled: done, 300 in /),
      expect.stringMatching(/^analyze: items scored: done, 3 in /),
    ]);
  });

  it('counts write outcomes per system, and a writer that throws as all failed', async () => {
    const metrics = createMetrics();
    const writer = (fail: boolean) => ({
      readHeld: () => Promise.resolve(new Map()),
      write: async (writes: readonly { item: { uid: string } }[]) => {
        if (fail) throw new Error('401');
        return writes.map((w, i) =>
          i === 0
            ? { uid: w.item.uid, ok: true as const }
            : { uid: w.item.uid, ok: false as const, reason: 'x', retry: true },
        );
      },
    });
    const connectors = [
      { system: 'jira', writer: writer(false) },
      { system: 'servicenow', writer: writer(true) },
    ] as unknown as Connector[];
    const [jira, servicenow] = meterWrites(connectors, metrics);
    const writes = [1, 2, 3].map((n) => ({ item: { uid: `u${n}` }, values: {}, fields: [] })) as never;
    await jira!.writer.write(writes, new AbortController().signal);
    await expect(servicenow!.writer.write(writes, new AbortController().signal)).rejects.toThrow('401');

    const samples = parseSamples((await metrics.render()).body);
    expect(sum(samples, 'bearing_writes_total', { system: 'jira', outcome: 'done' })).toBe(1);
    expect(sum(samples, 'bearing_writes_total', { system: 'jira', outcome: 'failed' })).toBe(2);
    expect(sum(samples, 'bearing_writes_total', { system: 'servicenow', outcome: 'failed' })).toBe(3);
    expect(jira!.system).toBe('jira');
  });
});
