import { readFile, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Company } from '../../src/sandbox/company/index.js';
import { NEVER } from '../service/fixtures/helpers.js';
import { logLinesOf, processHarness, storedItems } from '../service/fixtures/processes.js';
import {
  bearing,
  botWrites,
  startWorld,
  testCompany,
  type RunningBearing,
  type World,
} from '../service/fixtures/world.js';
import { JOBS_SUPERVISE_ENV } from '../../src/config/index.js';
import { JOBS_SCHEMA } from '../../src/scale/queues.js';
import {
  busiestSecond,
  freshDatabase,
  postgresSuiteTitle,
  roleOwningOnlyPublic,
  TEST_POSTGRES_URL,
} from './fixtures.js';

// Real `bearing run` processes on one PostgreSQL against the sandbox in this process, compared with a
// single worker on SQLite that synced the same company.
const RATE = 8;
const LOCAL_SERVER = { port: 0, host: '127.0.0.1' };
const { world, start, onCleanup } = processHarness();

interface Reference {
  items: string[];
  writes: string[];
}

let company: Company;
let reference: Reference;

/** A world on a fresh PostgreSQL database, both removed after the test. */
async function postgresWorld(rate: number): Promise<{ w: World; url: string }> {
  const db = await freshDatabase();
  onCleanup(db.drop);
  const w = await world({
    company,
    config: {
      store: db.url,
      schedule: { sync: NEVER, report: NEVER, timezone: 'UTC' },
      server: LOCAL_SERVER,
      logLevel: 'info',
    },
  });
  await rateLimit(w, { perSecond: rate, concurrency: 4 });
  return { w, url: db.url };
}

/** Sets both systems' `rateLimit` in the world's bearing.yaml. */
async function rateLimit(w: World, limit: { perSecond: number; concurrency: number }): Promise<void> {
  const file = parse(await readFile(w.configPath, 'utf8')) as Record<string, Record<string, unknown>>;
  file.jira!.rateLimit = limit;
  file.servicenow!.rateLimit = limit;
  await writeFile(w.configPath, stringify(file));
}

const replica = (w: World): RunningBearing => start(w, 'run');

const working = (child: RunningBearing): boolean =>
  child.lines.some((l) => l.msg.startsWith('working the job queues'));

/** `<jobId> <what>` of every stage job a process finished, from its log. */
function jobsDone(lines: readonly { msg: string; jobId?: unknown }[]): { jobId: string; what: string }[] {
  return lines
    .filter((l) => typeof l.jobId === 'string' && l.msg.endsWith(' done'))
    .map((l) => ({ jobId: l.jobId as string, what: l.msg.slice(0, -' done'.length) }));
}

/** Arrival times (ms) of every request each fake site answers from now on. */
function arrivals(w: World): { jira: number[]; servicenow: number[] } {
  const seen = { jira: [] as number[], servicenow: [] as number[] };
  w.sandbox.jira.injector.onRequest = () => seen.jira.push(performance.now());
  w.sandbox.servicenow.injector.onRequest = () => seen.servicenow.push(performance.now());
  return seen;
}

describe.skipIf(!TEST_POSTGRES_URL)(
  postgresSuiteTitle('bearing run as replicas on one PostgreSQL'),
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      company = testCompany();
      const w = await startWorld({ company, config: { logLevel: 'info', server: LOCAL_SERVER } });
      try {
        const once = await bearing(w, 'run', '--once');
        expect(once.code, once.stdout + once.stderr).toBe(0);
        reference = {
          items: await storedItems(w),
          writes: botWrites(w.sandbox).sort(),
        };
      } finally {
        await w.close();
      }
    });

    it('three replicas sync each scope once, write each change once, stay within the site rate together, and end where one worker ends', async () => {
      const { w, url } = await postgresWorld(RATE);
      // Each site answers requests beyond RATE a second (past a second's burst) with 429, as real limits do.
      for (const site of [w.sandbox.jira, w.sandbox.servicenow])
        site.injector.setFaults([{ knobs: { ratePerSecond: RATE } }]);
      const seen = arrivals(w);
      const [a, b] = [replica(w), replica(w)];
      // Two processes starting pg-boss on a loaded machine may take a while.
      await expect.poll(() => working(a) && working(b), { timeout: 60_000 }).toBe(true);
      const once = await bearing(w, 'run', '--once');
      expect(once.code, once.stderr).toBe(0);

      const done = [...jobsDone(a.lines), ...jobsDone(b.lines), ...jobsDone(logLinesOf(once.stdout))];
      const syncs = done.filter((d) => d.what.startsWith('sync of ')).map((d) => d.what);
      expect(syncs.length).toBeGreaterThan(5);
      expect(new Set(syncs).size).toBe(syncs.length);
      const writes = botWrites(w.sandbox);
      expect(new Set(writes).size).toBe(writes.length);
      expect(writes.sort()).toEqual(reference.writes);
      expect(await storedItems(w, url)).toEqual(reference.items);

      // Unshared, three replicas would send up to three times the rate.
      const busiest = `busiest second: Jira ${busiestSecond(seen.jira)}, ServiceNow ${busiestSecond(seen.servicenow)}`;
      for (const site of [w.sandbox.jira, w.sandbox.servicenow])
        expect(site.injector.calls.byStatus.get(429) ?? 0, busiest).toBe(0);
      for (const times of [seen.jira, seen.servicenow]) {
        expect(times.length).toBeGreaterThan(3 * RATE);
        expect(busiestSecond(times)).toBeLessThanOrEqual(RATE);
      }
    });

    it('a replica whose database user cannot create bearing’s schema stops at start with exit 1 and says what to grant', async () => {
      const { w } = await postgresWorld(RATE);
      const db = await freshDatabase();
      onCleanup(db.drop);
      const role = await roleOwningOnlyPublic(db.url);
      onCleanup(role.drop);
      const file = parse(await readFile(w.configPath, 'utf8')) as Record<string, unknown>;
      file.store = role.url;
      await writeFile(w.configPath, stringify(file));
      const child = replica(w);
      const { code } = await child.exited;

      expect(code).toBe(1);
      const said = child.stderr() + child.lines.map((l) => l.msg).join('\n');
      expect(said).toContain('permission denied');
      expect(said).toContain(
        `The store's database user must be able to create the schema "${JOBS_SCHEMA}" and its tables: GRANT CREATE ON DATABASE to it, or create the schema owned by it`,
      );
      expect(said).not.toMatch(/\n\s+at /);
      expect(working(child)).toBe(false);
    });

    it('a replica killed in the middle of a sync job has the job finished by another, and the end state is a single worker’s', async () => {
      const { w, url } = await postgresWorld(200);
      // The dead replica's job is failed 10 s (pg-boss's floor) after its last heartbeat, found within 1 s.
      w.env[JOBS_SUPERVISE_ENV] = '1';
      // Slow answers keep each scope's sync going long enough to kill a replica inside it.
      for (const site of [w.sandbox.jira, w.sandbox.servicenow])
        site.injector.setFaults([{ knobs: { latencyMs: 1_500 } }]);
      const replicas = [replica(w), replica(w)];
      await expect.poll(() => replicas.every(working), { timeout: 60_000 }).toBe(true);
      const once = bearing(w, 'run', '--once');

      let victim: { child: RunningBearing; jobId: string } | undefined;
      await expect
        .poll(
          () => {
            for (const child of replicas) {
              const finished = new Set(jobsDone(child.lines).map((d) => d.jobId));
              const started = child.lines.find(
                (l) => typeof l.jobId === 'string' && l.msg.startsWith('sync of ') && !finished.has(l.jobId),
              );
              if (started) victim = { child, jobId: started.jobId as string };
            }
            return victim !== undefined;
          },
          { timeout: 30_000, interval: 50 },
        )
        .toBe(true);
      victim!.child.kill('SIGKILL');
      await victim!.child.exited;
      for (const site of [w.sandbox.jira, w.sandbox.servicenow]) site.injector.setFaults([]);

      const finished = await once;
      expect(finished.code, finished.stderr).toBe(0);
      const survivor = replicas.find((r) => r !== victim!.child)!;
      const doneElsewhere = [...jobsDone(survivor.lines), ...jobsDone(logLinesOf(finished.stdout))];
      expect(doneElsewhere.map((d) => d.jobId)).toContain(victim!.jobId);
      const writes = botWrites(w.sandbox);
      expect(new Set(writes).size).toBe(writes.length);
      expect(writes.sort()).toEqual(reference.writes);
      expect(await storedItems(w, url)).toEqual(reference.items);
    });
  },
);
