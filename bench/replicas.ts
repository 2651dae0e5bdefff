/**
 * bench/replicas: `bearing run` as 1, 2 and 4 replicas on PostgreSQL against the sandbox.
 *
 *   eval "$(npm run -s pg:test-server)" && npm run build
 *   node --experimental-transform-types --import ./test/store/fixtures/ts-resolve.mjs bench/replicas.ts \
 *     [tickets=6000] [perSecond=10] [fourSiteTickets=20000] [fourSiteRate=20] [latencyMs=250]
 *
 * 1. One site (Jira) with a per-site rate limit of `perSecond`, which the sandbox enforces (a token
 *    bucket of one second's requests: a client over the rate gets 429s): the sync's wall time against
 *    the rate bound (requests / perSecond), the busiest second the site saw and the 429s it sent.
 *    More replicas must not go faster than the bound, and no second may hold more than `perSecond`.
 * 2. Four sites with a per-site limit of `fourSiteRate` each, answering after `latencyMs` as a real
 *    site takes a while to serve a page: a bearing config names one Jira and one
 *    ServiceNow, so these are two deployments (two configs, two sandboxes), each with 1, 2 and 4
 *    replicas. They cannot share one database: pg-boss's queues (schema `bearing_jobs`) and the item
 *    keys (`jira:OPS-1`) are per deployment, so each has its own database on the one server. Items
 *    synced per second across both, which grows with replicas (each works up to 4 scopes at a time;
 *    a scope's pages come one after another) until the machine's CPU or the sites' rate is the limit,
 *    and the CPU seconds the replicas, PostgreSQL and the sandbox spent (all share this machine).
 * Replicas are real processes; in each deployment one of them is `bearing run --once`, which
 * enqueues the cycle.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_JITTER_MS } from '../src/scale/rate.js';
import { generateCompany, type Company } from '../src/sandbox/company/index.js';
import { busiestSecond, freshDatabase, TEST_POSTGRES_URL } from '../test/scale/fixtures.js';
import { logLinesOf } from '../test/service/fixtures/processes.js';
import {
  bearing,
  spawnBearing,
  startWorld,
  type RunningBearing,
  type World,
} from '../test/service/fixtures/world.js';
import { atMost, figure, publish, type Figure } from './lib/figures.js';

if (!TEST_POSTGRES_URL) {
  console.error('bench/replicas needs PostgreSQL: eval "$(npm run -s pg:test-server)" first');
  process.exit(2);
}
/** A cron that does not fire while the bench runs: the cycle comes from `run --once`. */
const NEVER = '0 0 1 1 *';
const [tickets, perSecond, fourSiteTickets, fourSiteRate, latencyMs] = [6000, 10, 20_000, 20, 250].map(
  (fallback, i) => Number(process.argv[2 + i] ?? fallback),
) as [number, number, number, number, number];
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

interface Deployment {
  w: World;
  children: RunningBearing[];
  stop(): Promise<void>;
}

/**
 * A sandbox (answering after `latency` ms), a fresh database and `replicas - 1` running `bearing run`
 * processes, all limited to `rate`.
 */
async function deploy(
  company: Company,
  replicas: number,
  sites: 'jira' | 'both',
  rate: number,
  latency = 0,
): Promise<Deployment> {
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
  for (const site of [w.sandbox.jira, w.sandbox.servicenow])
    site.injector.setFaults([{ knobs: { ratePerSecond: rate, ...(latency ? { latencyMs: latency } : {}) } }]);
  const children: RunningBearing[] = [];
  let ended: RunningBearing | undefined;
  for (let i = 1; i < replicas; i++) {
    const child = spawnBearing(w, 'run');
    void child.exited.then(() => (ended ??= child));
    children.push(child);
  }
  while (!children.every((c) => c.lines.some((l) => l.msg.startsWith('working the job queues')))) {
    if (ended) throw new Error(`a replica ended before it worked the queues: ${ended.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    w,
    children,
    async stop() {
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => c.exited));
      await w.close();
      await db.drop();
    },
  };
}

interface SiteCount {
  requests: number;
  busiestSecond: number;
  rejected: number;
}

interface Run {
  wallS: number;
  /** The longest single scope's sync: a scope is one job, so no number of replicas makes the cycle shorter. */
  longestScopeS: number;
  items: number;
  sites: SiteCount[];
  cpuS: { replicas: number; postgres: number; sandbox: number };
}

/** One cycle in every deployment at once (`run --once` in each), measured from the first sync to the last. */
async function cycle(deployments: Deployment[]): Promise<Run> {
  const arrivals = deployments.flatMap(({ w }) =>
    [w.sandbox.jira, w.sandbox.servicenow].map((site) => {
      const times: number[] = [];
      site.injector.onRequest = () => times.push(performance.now());
      return { site, times };
    }),
  );
  const before = { replicas: replicaCpu(), postgres: postgresCpu(), sandbox: process.cpuUsage() };
  const results = await Promise.all(deployments.map(({ w }) => bearing(w, 'run', '--once')));
  const after = {
    replicas: replicaCpu(),
    postgres: postgresCpu(),
    sandbox: process.cpuUsage(before.sandbox),
  };
  for (const once of results)
    if (once.code !== 0) throw new Error(`run --once exited ${once.code}: ${once.stderr}`);

  const lines = [
    ...deployments.flatMap((d) => d.children.flatMap((c) => c.lines)),
    ...results.flatMap((once) => logLinesOf(once.stdout)),
  ];
  const syncLines = lines.filter((l) => l.msg.startsWith('sync of '));
  const times = syncLines.map((l) => Date.parse(String(l.time)));
  const spans = new Map<unknown, number[]>();
  for (const l of syncLines) spans.set(l.jobId, [...(spans.get(l.jobId) ?? []), Date.parse(String(l.time))]);
  const items = lines
    .filter((l) => l.msg.startsWith('synced '))
    .reduce((sum, l) => sum + Number(l.items ?? 0), 0);
  return {
    wallS: (Math.max(...times) - Math.min(...times)) / 1000,
    longestScopeS: Math.max(...[...spans.values()].map((t) => Math.max(...t) - Math.min(...t))) / 1000,
    items,
    sites: arrivals
      .filter(({ times }) => times.length > 0)
      .map(({ site, times }) => ({
        requests: times.length,
        busiestSecond: busiestSecond(times),
        rejected: site.injector.calls.byStatus.get(429) ?? 0,
      })),
    cpuS: {
      replicas: after.replicas - before.replicas,
      postgres: after.postgres - before.postgres,
      sandbox: (after.sandbox.user + after.sandbox.system) / 1e6,
    },
  };
}

/** CPU seconds of a process (`self`: its own; `children`: of its children it has waited for). */
function cpuOf(pid: number | 'self', part: 'self' | 'children' = 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14-17 of proc(5), counted here from field 3.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number) as [number, number, number, number];
  return (part === 'self' ? utime + stime : cutime + cstime) / TICK;
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** CPU seconds of every bearing process this bench started: the running ones and those that ended. */
function replicaCpu(): number {
  const alive = childrenOf(process.pid).reduce((sum, pid) => sum + tryCpu(pid), 0);
  return alive + cpuOf('self', 'children');
}

/** CPU seconds of the PostgreSQL server: the postmaster and every backend, running or ended. */
function postgresCpu(): number {
  const dir = process.env.BEARING_TEST_POSTGRES_DIR;
  if (!dir) return Number.NaN;
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const backends = childrenOf(postmaster).reduce((sum, pid) => sum + tryCpu(pid), 0);
  return cpuOf(postmaster) + cpuOf(postmaster, 'children') + backends;
}

/** A process that ended between listing and reading counts as nothing here (its parent counts it). */
function tryCpu(pid: number): number {
  try {
    return cpuOf(pid);
  } catch {
    return 0;
  }
}

const figures: Record<string, Figure> = {};
const share = 1000 / (1000 + DEFAULT_JITTER_MS);
console.log(
  `bench/replicas: ${cpus().length} CPUs; one replica of each deployment is \`run --once\`; ` +
    `replicas use at most ${(share * 100).toFixed(0)} % of a site's rate (a ${DEFAULT_JITTER_MS} ms jitter allowance)`,
);

const company = generateCompany({ seed: 11, size: tickets, now: Date.now() - 60_000 });
for (const n of [1, 2, 4]) {
  const d = await deploy(company, n, 'jira', perSecond);
  const r = await cycle([d]).finally(() => d.stop());
  const [site] = r.sites as [SiteCount];
  const bound = site.requests / perSecond;
  // The count includes the few requests before the first sync job (scopes, fields): hence 1.05, not 1.
  figures[`oneSite.${n}.wall`] = atMost(bound / r.wallS, 1.05, 'rate bound ÷ sync wall');
  figures[`oneSite.${n}.rateUse`] = figure(
    site.requests / r.wallS / (perSecond * share),
    'achieved rate ÷ the rate replicas aim at',
  );
  figures[`oneSite.${n}.busiestSecond`] = atMost(site.busiestSecond, perSecond, 'requests in one second');
  figures[`oneSite.${n}.rejected`] = atMost(site.rejected, 0, '429 answers');
  console.log(
    `one site at ${perSecond}/s, ${n} replica(s), ${tickets} tickets: sync ${r.wallS.toFixed(1)} s for ${site.requests} requests ` +
      `(bound ${bound.toFixed(1)} s at ${perSecond}/s, ${(bound / share).toFixed(1)} s at ${(perSecond * share).toFixed(1)}/s; ` +
      `achieved ${(site.requests / r.wallS).toFixed(1)}/s; busiest second ${site.busiestSecond}; 429s ${site.rejected})`,
  );
}

const big = generateCompany({ seed: 12, size: fourSiteTickets, now: Date.now() - 60_000 });
for (const n of [1, 2, 4]) {
  const deployments = [
    await deploy(big, n, 'both', fourSiteRate, latencyMs),
    await deploy(big, n, 'both', fourSiteRate, latencyMs),
  ];
  const r = await cycle(deployments).finally(() => Promise.all(deployments.map((d) => d.stop())));
  const requests = r.sites.reduce((sum, s) => sum + s.requests, 0);
  const cpu = r.cpuS.replicas + r.cpuS.postgres + r.cpuS.sandbox;
  figures[`fourSites.${n}.itemsPerSecond`] = figure(r.items / r.wallS, 'items/s');
  figures[`fourSites.${n}.cpuPerThousandItems`] = figure((cpu / r.items) * 1000, 'CPU s per 1000 items');
  figures[`fourSites.${n}.busiestSecond`] = atMost(
    Math.max(...r.sites.map((s) => s.busiestSecond)),
    fourSiteRate,
    'requests in one second at one site',
  );
  console.log(
    `four sites at ${fourSiteRate}/s each, ${latencyMs} ms a request (two deployments × ${n} replica(s), ${fourSiteTickets} tickets each): ` +
      `${r.items} items in ${r.wallS.toFixed(1)} s = ${(r.items / r.wallS).toFixed(0)} items/s ` +
      `(longest scope ${r.longestScopeS.toFixed(1)} s); ` +
      `${requests} requests = ${(requests / r.wallS).toFixed(1)}/s (ceiling ${(4 * fourSiteRate * share).toFixed(1)}/s); ` +
      `busiest second per site ${r.sites.map((s) => s.busiestSecond).join('/')}, 429s ${r.sites.reduce((s, x) => s + x.rejected, 0)}; ` +
      `CPU ${cpu.toFixed(1)} s (replicas ${r.cpuS.replicas.toFixed(1)}, PostgreSQL ${r.cpuS.postgres.toFixed(1)}, ` +
      `sandbox ${r.cpuS.sandbox.toFixed(1)}) = ${(cpu / r.wallS).toFixed(2)} of ${cpus().length} cores`,
  );
}
publish('replicas', figures);
