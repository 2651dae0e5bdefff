/**
 * bench/replicas: `bearing run` as 1, 2 and 4 replicas on one PostgreSQL against the sandbox.
 *
 *   eval "$(npm run -s pg:test-server)" && npm run build
 *   node --experimental-transform-types --import ./test/store/fixtures/ts-resolve.mjs bench/replicas.ts [tickets] [perSecond]
 *
 * 1. One site (Jira) with a per-site rate limit: the sync's wall time against its rate bound
 *    (requests / rate) and the rate the site saw. More replicas must not go faster than the bound.
 * 2. Both sites (Jira and ServiceNow; a bearing config names one of each) with a rate limit too high
 *    to bind: items synced per second, which grows with replicas until the machine's CPU is the limit.
 * Replicas are real processes; one of them is `bearing run --once`, which enqueues the cycle.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parse, stringify } from 'yaml';
import { generateCompany } from '../src/sandbox/company/index.js';
import { freshDatabase, TEST_POSTGRES_URL } from '../test/scale/fixtures.js';
import { bearing, spawnBearing, startWorld, type RunningBearing } from '../test/service/fixtures/world.js';
import { atMost, figure, publish, type Figure } from './lib/figures.js';

if (!TEST_POSTGRES_URL) {
  console.error('bench/replicas needs PostgreSQL: eval "$(npm run -s pg:test-server)" first');
  process.exit(2);
}
/** A cron that does not fire while the bench runs: the cycle comes from `run --once`. */
const NEVER = '0 0 1 1 *';
const tickets = Number(process.argv[2] ?? 3000);
const perSecond = Number(process.argv[3] ?? 10);
const company = generateCompany({ seed: 11, size: tickets, now: Date.now() - 60_000 });

interface Run {
  wallS: number;
  requests: number;
  items: number;
  busiestSecond: number;
}

async function cycle(replicas: number, sites: 'jira' | 'both', rate: number): Promise<Run> {
  const db = await freshDatabase();
  const w = await startWorld({
    company,
    config: {
      store: db.url,
      schedule: { sync: NEVER, report: NEVER, timezone: 'UTC' },
      server: { port: 0, host: '127.0.0.1' },
      logLevel: 'info',
      writeback: { enabled: false },
    },
  });
  const file = parse(await readFile(w.configPath, 'utf8')) as Record<string, Record<string, unknown>>;
  file.jira!.rateLimit = { perSecond: rate, concurrency: 4 };
  if (sites === 'jira') delete file.servicenow;
  else file.servicenow!.rateLimit = { perSecond: rate, concurrency: 4 };
  await writeFile(w.configPath, stringify(file));
  const children: RunningBearing[] = [];
  try {
    for (let i = 1; i < replicas; i++) children.push(spawnBearing(w, 'run'));
    while (!children.every((c) => c.lines.some((l) => l.msg.startsWith('working the job queues'))))
      await new Promise((resolve) => setTimeout(resolve, 100));
    const arrivals: number[] = [];
    const count = () => arrivals.push(performance.now());
    w.sandbox.jira.injector.onRequest = count;
    w.sandbox.servicenow.injector.onRequest = count;
    const once = await bearing(w, 'run', '--once');
    if (once.code !== 0) throw new Error(`run --once exited ${once.code}: ${once.stderr}`);
    const lines = [
      ...children.flatMap((c) => c.lines),
      ...once.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; time: string; items?: number }),
    ];
    const syncLines = lines.filter((l) => l.msg.startsWith('sync of '));
    const times = syncLines.map((l) => Date.parse(String(l.time)));
    const items = lines
      .filter((l) => l.msg.startsWith('synced '))
      .reduce((sum, l) => sum + Number((l as { items?: number }).items ?? 0), 0);
    let busiest = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while ((arrivals[j] as number) <= (arrivals[i] as number) - 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    return {
      wallS: (Math.max(...times) - Math.min(...times)) / 1000,
      requests: arrivals.length,
      items,
      busiestSecond: busiest,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    await w.close();
    await db.drop();
  }
}

const figures: Record<string, Figure> = {};
console.log(
  `bench/replicas: ${tickets} tickets, ${cpus().length} CPUs; one replica of each run is \`run --once\``,
);
for (const n of [1, 2, 4]) {
  const r = await cycle(n, 'jira', perSecond);
  const bound = r.requests / perSecond;
  // The count includes the few requests before the first sync job (scopes, fields): hence 1.05, not 1.
  figures[`oneSite.${n}.wall`] = atMost(bound / r.wallS, 1.05, 'rate bound ÷ sync wall');
  figures[`oneSite.${n}.busiestSecond`] = atMost(r.busiestSecond, perSecond + 2, 'requests in one second');
  console.log(
    `one site at ${perSecond}/s, ${n} replica(s): sync ${r.wallS.toFixed(1)} s for ${r.requests} requests ` +
      `(bound ${bound.toFixed(1)} s; achieved ${(r.requests / r.wallS).toFixed(1)}/s; busiest second ${r.busiestSecond})`,
  );
}
const high = 1000;
for (const n of [1, 2, 4]) {
  const r = await cycle(n, 'both', high);
  figures[`bothSites.${n}.itemsPerSecond`] = figure(r.items / r.wallS, 'items/s');
  console.log(
    `both sites at ${high}/s, ${n} replica(s): ${r.items} items synced in ${r.wallS.toFixed(1)} s = ` +
      `${(r.items / r.wallS).toFixed(0)} items/s (${r.requests} requests)`,
  );
}
publish('replicas', figures);
