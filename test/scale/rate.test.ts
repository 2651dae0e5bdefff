import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/index.js';
import { openSharedRates, type SharedRates } from '../../src/scale/index.js';
import { busiestSecond, freshDatabase, postgresSuiteTitle, TEST_POSTGRES_URL } from './fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `count` replicas' shared rates on one fresh database. */
async function replicas(count: number): Promise<SharedRates[]> {
  const db = await freshDatabase();
  cleanups.push(db.drop);
  const rates: SharedRates[] = [];
  for (let i = 0; i < count; i++) {
    const shared = await openSharedRates({ url: db.url, schema: 'bearing_jobs', log: silentLogger() });
    cleanups.push(() => shared.close());
    rates.push(shared);
  }
  return rates;
}

describe.skipIf(!TEST_POSTGRES_URL)(postgresSuiteTitle('a site rate shared through PostgreSQL'), () => {
  it('three replicas, each with four requests waiting at a time, start no more than the rate in any second between them', async () => {
    const rate = { perSecond: 10, concurrency: 4 };
    const started: number[][] = [[], [], []];
    // Unshared, they would start three times the rate.
    await Promise.all(
      (await replicas(3)).flatMap((shared, r) => {
        const gate = shared.gate('jira https://acme.atlassian.net', rate);
        return Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 3; i++) {
            await gate.take();
            started[r]!.push(performance.now());
          }
        });
      }),
    );

    const all = started.flat().sort((a, b) => a - b);
    expect(busiestSecond(all)).toBeLessThanOrEqual(rate.perSecond);
  });

  it('keeps sites apart: one site at its rate does not hold back another', async () => {
    const [a, b] = await replicas(2);
    const jira = a!.gate('jira https://acme.atlassian.net', { perSecond: 5, concurrency: 1 });
    const servicenow = b!.gate('servicenow https://acme.service-now.com', { perSecond: 5, concurrency: 1 });
    const starts: { site: string; at: number }[] = [];
    await Promise.all(
      [
        ['jira', jira],
        ['servicenow', servicenow],
      ].map(async ([site, gate]) => {
        for (let i = 0; i < 5; i++) {
          await (gate as typeof jira).take();
          starts.push({ site: site as string, at: performance.now() });
        }
      }),
    );

    // Five a second on each site: ten in the same second between the two, which one shared rate would forbid.
    expect(busiestSecond(starts.map((s) => s.at).sort((x, y) => x - y))).toBeGreaterThan(5);
    for (const site of ['jira', 'servicenow'])
      expect(busiestSecond(starts.filter((s) => s.site === site).map((s) => s.at))).toBeLessThanOrEqual(5);
  });
});
