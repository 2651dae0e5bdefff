import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { BearingError, type Clock } from '../../src/core/index.js';
import { createMetrics } from '../../src/metrics/index.js';
import { createWorker, type RunContext, type Worker, type WorkerOptions } from '../../src/scheduler/index.js';
import type { Store } from '../../src/store/index.js';
import { EVERY_SECOND, NEVER, aborted, gate, memoryLog, sqliteStore, waitFor } from './fixtures/helpers.js';

interface Result {
  ok: boolean;
  runId: string;
}

const workers: Worker<Result>[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

function worker(
  store: Store,
  overrides: Partial<WorkerOptions<Result>> & Pick<WorkerOptions<Result>, 'runCycle'>,
): Worker<Result> & { lines: ReturnType<typeof memoryLog>['lines']; messages: () => string[] } {
  const { log, lines, messages } = memoryLog();
  const w = createWorker<Result>({
    store,
    log,
    holder: 'worker-a',
    schedules: { sync: NEVER, report: NEVER, timezone: 'UTC' },
    runReport: async () => undefined,
    ...overrides,
  });
  workers.push(w);
  return Object.assign(w, { lines, messages });
}

const ok = async ({ runId }: RunContext): Promise<Result> => ({ ok: true, runId });

async function leaseHolder(store: Store, name = 'cycle'): Promise<string | null> {
  const probe = await store.acquireLease(name, 'probe', 60_000, Date.now());
  if (!probe.acquired) return probe.lease.holder;
  await store.releaseLease(name, 'probe');
  return null;
}

describe('scheduled cycles', () => {
  it('runs a cycle on the ticks of a six-field (seconds) schedule, each with its own run id', async () => {
    const { store } = await sqliteStore();
    const runs: RunContext[] = [];
    const w = worker(store, {
      schedules: { sync: EVERY_SECOND, report: NEVER, timezone: 'Europe/Berlin' },
      runCycle: async (ctx) => {
        runs.push(ctx);
        return ok(ctx);
      },
    });
    w.start();
    await waitFor(() => runs.length >= 2, 'two scheduled cycles');
    await w.close();

    expect(new Set(runs.map((r) => r.runId)).size).toBe(runs.length);
    for (const r of runs) expect(r.runId).toMatch(/^\d{8}T\d{6}-[0-9a-f]{8}$/);
    // Every cycle's lines carry its run id.
    const started = w.lines.filter((l) => l.msg.endsWith('started') && l.job === 'cycle');
    expect(started.map((l) => l.runId)).toEqual(runs.slice(0, started.length).map((r) => r.runId));
    expect(w.status().lastCycle).toMatchObject({ outcome: 'succeeded' });
    expect(await leaseHolder(store)).toBeNull();
  });

  it('reads the crons in the configured time zone', async () => {
    const { store } = await sqliteStore();
    const w = worker(store, {
      // India is UTC+5:30 all year: 08:30 there is 03:00 UTC, Monday 09:00 is Monday 03:30 UTC.
      schedules: { sync: '0 30 8 * * *', report: '0 9 * * MON', timezone: 'Asia/Kolkata' },
      runCycle: ok,
    });
    w.start();
    const line = w.lines.find((l) => l.msg.startsWith('scheduled cycles'));
    expect(line?.nextCycleAt).toMatch(/T03:00:00\.000Z$/);
    expect(line?.nextReportAt).toMatch(/T03:30:00\.000Z$/);
    expect(new Date(line?.nextReportAt as string).getUTCDay()).toBe(1);
  });

  it('never overlaps a slow cycle: ticks while it runs are skipped and logged', async () => {
    const { store } = await sqliteStore();
    const metrics = createMetrics();
    let running = 0;
    let maxRunning = 0;
    let cycles = 0;
    const release = gate();
    const w = worker(store, {
      schedules: { sync: EVERY_SECOND, report: NEVER, timezone: 'UTC' },
      metrics,
      runCycle: async (ctx) => {
        cycles++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (cycles === 1) await release.promise;
        running--;
        return ok(ctx);
      },
    });
    w.start();
    await waitFor(() => w.messages().some((m) => m.startsWith('skipped the cycle tick')), 'a skipped tick');
    expect(cycles).toBe(1);
    release.open();
    await waitFor(() => cycles >= 2, 'the next cycle after the slow one');
    await w.close();

    expect(maxRunning).toBe(1);
    const skipped = w.lines.find((l) => l.msg.startsWith('skipped the cycle tick'));
    expect(skipped?.runningRunId).toBe(w.lines.find((l) => l.msg.endsWith('started'))?.runId);
    expect((await metrics.render()).body).toMatch(
      /^bearing_ticks_skipped_total\{job="cycle",reason="overlap"\} [1-9]/m,
    );
  });

  it('runs the report on its own schedule under the report lease', async () => {
    const { store } = await sqliteStore();
    const holders: (string | null)[] = [];
    const w = worker(store, {
      schedules: { sync: NEVER, report: EVERY_SECOND, timezone: 'UTC' },
      runCycle: ok,
      runReport: async () => void holders.push(await leaseHolder(store, 'report')),
    });
    w.start();
    await waitFor(() => holders.length >= 1, 'a scheduled report');
    await w.close();
    expect(holders[0]).toBe('worker-a');
    expect(await leaseHolder(store, 'report')).toBeNull();
  });
});

describe('single runner per store', () => {
  it('two workers on one store file run each scheduled cycle once; the other stands by', async () => {
    const { store: storeA, path } = await sqliteStore();
    const { store: storeB } = await sqliteStore(path);
    let running = 0;
    let maxRunning = 0;
    const ticks: { holder: string; second: number }[] = [];
    const cycle = (holder: string) => async (ctx: RunContext) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      ticks.push({ holder, second: Math.floor(Date.now() / 1000) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      running--;
      return ok(ctx);
    };
    const schedules = { sync: EVERY_SECOND, report: NEVER, timezone: 'UTC' };
    const a = worker(storeA, { holder: 'host-a:1:aaaa', schedules, runCycle: cycle('host-a:1:aaaa') });
    const b = worker(storeB, { holder: 'host-b:2:bbbb', schedules, runCycle: cycle('host-b:2:bbbb') });
    a.start();
    b.start();
    await waitFor(() => ticks.length >= 3, 'three cycles');
    await Promise.all([a.close(), b.close()]);

    expect(maxRunning).toBe(1);
    const seconds = ticks.map((t) => t.second);
    expect(new Set(seconds).size).toBe(seconds.length);
    const standby = [...a.lines, ...b.lines].filter((l) => l.msg.startsWith('standing by'));
    expect(standby.length).toBeGreaterThan(0);
    for (const line of standby) expect(['host-a:1:aaaa', 'host-b:2:bbbb']).toContain(line.holder);
    expect(standby[0]?.msg).toMatch(/^standing by: host-[ab]:\d:[ab]{4} holds the "cycle" lease/);
  });

  it('takes the lease over once a crashed holder stops renewing it', async () => {
    const { store } = await sqliteStore();
    // A "crashed" worker: took the lease with a short TTL and will never renew or release it.
    const crashed = await store.acquireLease('cycle', 'crashed-host:99:dead', 1_500, Date.now());
    expect(crashed.acquired).toBe(true);
    const started: number[] = [];
    const w = worker(store, {
      schedules: { sync: EVERY_SECOND, report: NEVER, timezone: 'UTC' },
      runCycle: async (ctx) => {
        started.push(Date.now());
        return ok(ctx);
      },
    });
    w.start();
    await waitFor(() => started.length >= 1, 'a cycle after the takeover');
    await w.close();

    expect(started[0]).toBeGreaterThanOrEqual(crashed.lease.expiresAt);
    const standby = w.lines.filter((l) => l.msg.startsWith('standing by'));
    expect(standby[0]?.holder).toBe('crashed-host:99:dead');
  });

  it('aborts the cycle when another worker took the lease over', async () => {
    const { store } = await sqliteStore();
    const signals: AbortSignal[] = [];
    const w = worker(store, {
      renewEveryMs: 50,
      runCycle: async (ctx) => {
        signals.push(ctx.signal);
        await aborted(ctx.signal);
        return { ok: true, runId: ctx.runId };
      },
    });
    const once = w.runOnce();
    await waitFor(() => signals.length === 1, 'the cycle to start');
    // Someone else gets it: as if our lease had expired during a long pause and been taken over.
    await store.releaseLease('cycle', 'worker-a');
    expect((await store.acquireLease('cycle', 'thief', 60_000, Date.now())).acquired).toBe(true);
    await once;

    expect(signals[0]?.reason).toBeInstanceOf(BearingError);
    expect(signals[0]?.reason).toMatchObject({ kind: 'conflict' });
    expect(w.status().lastCycle?.outcome).toBe('aborted');
    // Our release did not take the thief's lease away.
    expect(await leaseHolder(store)).toBe('thief');
  });

  it('keeps the lease through renewal errors until it expires, then aborts the cycle', async () => {
    const { store } = await sqliteStore();
    let now = Date.parse('2026-11-20T10:00:00Z');
    const signals: AbortSignal[] = [];
    const unreachable: Store = Object.assign(Object.create(store) as Store, {
      renewLease: () => Promise.reject(new Error('database is locked')),
    });
    const w = worker(unreachable, {
      clock: { now: () => now },
      leaseTtlMs: 60_000,
      renewEveryMs: 20,
      runCycle: async (ctx) => {
        signals.push(ctx.signal);
        await aborted(ctx.signal);
        return ok(ctx);
      },
    });
    const once = w.runOnce();
    await waitFor(() => w.messages().some((m) => m.startsWith('could not renew')), 'a failed renewal');
    expect(signals[0]?.aborted).toBe(false);
    now += 60_000;
    await once;

    expect((signals[0]?.reason as Error).message).toBe(
      'lost the "cycle" lease: it expired at 2026-11-20T10:01:00.000Z while the store was unreachable',
    );
  });
});

describe('a lease left by a worker that died on this host', () => {
  const onThisHost = (pid: number, tag = 'deadbeef'): string => `${hostname()}:${pid}:${tag}`;
  const exitedPid = async (): Promise<number> => {
    const child = spawn(process.execPath, ['-e', '']);
    await once(child, 'exit');
    return child.pid!;
  };

  it('is taken over at once, not when it expires, and the takeover is logged', async () => {
    const { store } = await sqliteStore();
    const dead = onThisHost(await exitedPid());
    await store.acquireLease('cycle', dead, 60_000, Date.now());
    const w = worker(store, { holder: onThisHost(process.pid, 'a11ce000'), leasePollMs: 50, runCycle: ok });

    expect(await w.runOnce({ waitForLeaseMs: 300 })).toMatchObject({ ok: true });
    expect(w.messages()).toContain(
      `taking over the "cycle" lease of ${dead}: that process no longer runs on this host`,
    );
  });

  it('is taken over when it carries our own pid: a restarted container runs as the same pid', async () => {
    const { store } = await sqliteStore();
    await store.acquireLease('cycle', onThisHost(process.pid, '0badcafe'), 60_000, Date.now());
    const w = worker(store, { holder: onThisHost(process.pid, 'a11ce000'), leasePollMs: 50, runCycle: ok });

    expect(await w.runOnce({ waitForLeaseMs: 300 })).toMatchObject({ ok: true });
  });

  it('is not taken from a worker on this host that still runs', async () => {
    const { store } = await sqliteStore();
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const holder = onThisHost(alive.pid!);
      await store.acquireLease('cycle', holder, 60_000, Date.now());
      const w = worker(store, { holder: onThisHost(process.pid, 'a11ce000'), leasePollMs: 50, runCycle: ok });

      const error = await w.runOnce({ waitForLeaseMs: 300 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'conflict' });
      expect(await leaseHolder(store)).toBe(holder);
    } finally {
      alive.kill();
    }
  });
});

describe('runOnce', () => {
  it('waits a bounded time for a held lease, then fails naming the holder', async () => {
    const { store } = await sqliteStore();
    await store.acquireLease('cycle', 'other-host:7:beef', 60_000, Date.now());
    let called = false;
    const w = worker(store, {
      leasePollMs: 50,
      runCycle: async (ctx) => {
        called = true;
        return ok(ctx);
      },
    });
    const error = await w.runOnce({ waitForLeaseMs: 300 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BearingError);
    expect(error).toMatchObject({ kind: 'conflict' });
    expect((error as Error).message).toContain('other-host:7:beef');
    expect(called).toBe(false);
    expect(w.messages().some((m) => m.includes('waiting up to'))).toBe(true);
  });

  it('runs once the holder has released the lease while it waited', async () => {
    const { store } = await sqliteStore();
    await store.acquireLease('cycle', 'other-host:7:beef', 60_000, Date.now());
    const w = worker(store, { leasePollMs: 50, runCycle: ok });
    const result = w.runOnce({ waitForLeaseMs: 10_000 });
    await waitFor(() => w.messages().some((m) => m.includes('waiting up to')), 'the wait to begin');
    await store.releaseLease('cycle', 'other-host:7:beef');

    expect(await result).toMatchObject({ ok: true });
    expect(await leaseHolder(store)).toBeNull();
  });

  it('rethrows a failing cycle and keeps the failure for readiness until a cycle succeeds', async () => {
    const { store } = await sqliteStore();
    let now = 1_000_000;
    const clock: Clock = { now: () => now };
    let fail = true;
    const w = worker(store, {
      clock,
      runCycle: async (ctx) => {
        if (fail) throw new BearingError('auth', 'jira: 401 Unauthorized');
        return ok(ctx);
      },
    });
    await expect(w.runOnce()).rejects.toThrow('jira: 401 Unauthorized');
    expect(w.status()).toMatchObject({ failingSince: 1_000_000, lastCycle: { outcome: 'failed' } });
    now += 60_000;
    await expect(w.runOnce()).rejects.toThrow();
    expect(w.status().failingSince).toBe(1_000_000);
    fail = false;
    await w.runOnce();
    expect(w.status()).toMatchObject({ failingSince: undefined, lastCycle: { outcome: 'succeeded' } });
  });

  it('counts a cycle that reports failed scopes as failed, and returns its result', async () => {
    const { store } = await sqliteStore();
    const metrics = createMetrics();
    const w = worker(store, { metrics, runCycle: async ({ runId }) => ({ ok: false, runId }) });
    expect(await w.runOnce()).toMatchObject({ ok: false });
    expect(w.status().lastCycle?.outcome).toBe('failed');
    expect((await metrics.render()).body).toMatch(/^bearing_cycles_total\{outcome="failed"\} 1$/m);
  });
});

describe('close', () => {
  it("aborts the running cycle's signal, waits for it to commit and releases the lease", async () => {
    const { store } = await sqliteStore();
    const events: string[] = [];
    let signal: AbortSignal | undefined;
    const w = worker(store, {
      runCycle: async (ctx) => {
        signal = ctx.signal;
        events.push('started');
        await aborted(ctx.signal);
        events.push('committed what was stored');
        return ok(ctx);
      },
    });
    const once = w.runOnce();
    await waitFor(() => events.length === 1, 'the cycle to start');
    expect(await leaseHolder(store)).toBe('worker-a');
    await w.close();
    events.push('closed');

    expect(signal?.aborted).toBe(true);
    expect(events).toEqual(['started', 'committed what was stored', 'closed']);
    expect(await leaseHolder(store)).toBeNull();
    expect(w.status()).toMatchObject({ closing: true, lastCycle: { outcome: 'aborted' } });
    expect(await once).toMatchObject({ ok: true });
    await expect(w.runOnce()).rejects.toThrow('shutting down');
  });

  it('releases the lease after the drain time when a cycle ignores the abort', async () => {
    const { store } = await sqliteStore();
    const stuck = gate();
    let started = false;
    const w = worker(store, {
      drainMs: 100,
      runCycle: async (ctx) => {
        started = true;
        await stuck.promise;
        return ok(ctx);
      },
    });
    const once = w.runOnce();
    await waitFor(() => started, 'the cycle to start');
    await w.close();

    expect(await leaseHolder(store)).toBeNull();
    expect(w.messages().some((m) => m.includes('did not stop within'))).toBe(true);
    stuck.open();
    await once;
  });

  it('stops the schedules: no cycle starts after close', async () => {
    const { store } = await sqliteStore();
    let cycles = 0;
    const w = worker(store, {
      schedules: { sync: EVERY_SECOND, report: EVERY_SECOND, timezone: 'UTC' },
      runCycle: async (ctx) => {
        cycles++;
        return ok(ctx);
      },
    });
    w.start();
    await waitFor(() => cycles >= 1, 'a scheduled cycle');
    await w.close();
    const after = cycles;
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(cycles).toBe(after);
  });
});
