import { setTimeout as sleep } from 'node:timers/promises';
import { createTask, type ScheduledTask } from 'node-cron';
import {
  BearingError,
  messageOf,
  newRunId,
  systemClock,
  toIso,
  type Clock,
  type Logger,
} from '../core/index.js';
import type { CycleOutcome, Metrics } from '../metrics/index.js';
import { acquireLease, type HeldLease, type LeaseStore } from './lease.js';

/** What a cycle or a report run is given. */
export interface RunContext {
  runId: string;
  /**
   * Aborted on shutdown or when another worker took the lease over: stop taking new pages, commit
   * what is stored, and return (or throw).
   */
  signal: AbortSignal;
  /** The worker's logger bound to `{ runId, job }`. */
  log: Logger;
}

/** The least a cycle reports: `ok` is false when a stage or scope failed (exit code 1). */
export interface CycleResult {
  ok: boolean;
}

export interface Schedules {
  /** Cron of the sync cycles: five fields, or six with seconds first. */
  sync: string;
  /** Cron of the weekly report. */
  report: string;
  /** IANA zone both crons are read in. */
  timezone: string;
}

export interface WorkerOptions<R extends CycleResult> {
  store: LeaseStore;
  log: Logger;
  /** @default systemClock */
  clock?: Clock;
  /** This process's name in the leases; unique per process (see `workerHolderId`). */
  holder: string;
  schedules: Schedules;
  /** One cycle: sync → analyze → write-back. */
  runCycle: (ctx: RunContext) => Promise<R>;
  /** Builds and delivers the weekly report. */
  runReport: (ctx: RunContext) => Promise<void>;
  metrics?: Pick<Metrics, 'recordCycle' | 'recordSkippedTick' | 'setLeaseHeld'>;
  /** How long a lease lasts without renewal; a crashed holder's lease is taken over after this. @default 60_000 */
  leaseTtlMs?: number;
  /** @default leaseTtlMs / 3 */
  renewEveryMs?: number;
  /** How often `runOnce` asks again for a held lease. @default 1_000 */
  leasePollMs?: number;
  /** How long `close()` waits for an aborted run to settle before releasing its lease anyway. @default 8_000 */
  drainMs?: number;
}

export interface CycleRecord {
  runId: string;
  outcome: CycleOutcome;
  startedAt: number;
  finishedAt: number;
  /** Why it failed or stopped. */
  error?: string;
}

export interface WorkerStatus {
  /** `close()` has been called. */
  closing: boolean;
  lastCycle: CycleRecord | undefined;
  /** When the first of the failed cycles since the last success ended; undefined unless the last finished cycle failed. */
  failingSince: number | undefined;
}

export interface Worker<R extends CycleResult> {
  /**
   * Starts both schedules. Resolves once they run; rejects when the worker cannot start (on
   * PostgreSQL: the job queues), so the service stops with the reason instead of idling.
   */
  start(): Promise<void>;
  /**
   * Runs one cycle now (`bearing run --once`). Waits up to `waitForLeaseMs` for another worker's
   * lease, then fails with a `conflict` BearingError naming the holder. Rethrows what the cycle threw.
   */
  runOnce(options?: { waitForLeaseMs?: number }): Promise<R>;
  /**
   * Stops the schedules, aborts the running cycle and report, waits for them to settle (at most
   * `drainMs`) and releases their leases. Calling it again returns the same promise.
   */
  close(): Promise<void>;
  status(): WorkerStatus;
}

type JobName = 'cycle' | 'report';

interface Job {
  name: JobName;
  /** The lease in the store; shared by every worker on the store. */
  lease: string;
  /** Set from the tick that starts a run (before the lease is asked for) until the run settled. */
  inFlight?: InFlight;
}

interface InFlight {
  runId?: string;
  lease?: HeldLease;
  settled: Promise<void>;
}

type Attempt<T> =
  | { kind: 'busy'; runId: string | undefined }
  | { kind: 'held'; holder: string; expiresAt: number }
  | { kind: 'ran'; outcome: CycleOutcome; value?: T; error?: unknown };

const DEFAULT_LEASE_TTL_MS = 60_000;
const DEFAULT_POLL_MS = 1_000;
const DEFAULT_DRAIN_MS = 8_000;

/**
 * The worker: cycles and reports on cron schedules, never overlapping themselves, and only on the
 * worker that holds the store's lease for them, so replicas on one store take turns.
 */
export function createWorker<R extends CycleResult>(options: WorkerOptions<R>): Worker<R> {
  const clock = options.clock ?? systemClock;
  const log = options.log.child({ component: 'worker' });
  const ttlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const renewEveryMs = options.renewEveryMs ?? Math.floor(ttlMs / 3);
  const pollMs = options.leasePollMs ?? DEFAULT_POLL_MS;
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  const metrics = options.metrics;
  const cycleJob: Job = { name: 'cycle', lease: 'cycle' };
  const reportJob: Job = { name: 'report', lease: 'report' };
  const shutdown = new AbortController();
  const tasks: ScheduledTask[] = [];
  let closing: Promise<void> | undefined;
  let lastCycle: CycleRecord | undefined;
  let failingSince: number | undefined;

  async function attempt<T>(
    job: Job,
    body: (ctx: RunContext) => Promise<T>,
    outcomeOf: (value: T) => CycleOutcome,
  ): Promise<Attempt<T>> {
    if (job.inFlight) return { kind: 'busy', runId: job.inFlight.runId };
    let settle!: () => void;
    const inFlight: InFlight = { settled: new Promise<void>((resolve) => (settle = resolve)) };
    job.inFlight = inFlight;
    try {
      const got = await acquireLease({
        store: options.store,
        name: job.lease,
        holder: options.holder,
        ttlMs,
        renewEveryMs,
        clock,
        log,
      });
      if (!got.acquired) return { kind: 'held', holder: got.holder, expiresAt: got.expiresAt };
      inFlight.lease = got.lease;
      metrics?.setLeaseHeld(job.lease, true);
      try {
        return await run(job, inFlight, got.lease, body, outcomeOf);
      } finally {
        await got.lease.release();
        metrics?.setLeaseHeld(job.lease, false);
      }
    } finally {
      job.inFlight = undefined;
      settle();
    }
  }

  async function run<T>(
    job: Job,
    inFlight: InFlight,
    lease: HeldLease,
    body: (ctx: RunContext) => Promise<T>,
    outcomeOf: (value: T) => CycleOutcome,
  ): Promise<Attempt<T>> {
    const signal = AbortSignal.any([shutdown.signal, lease.lost]);
    // Shut down while the lease was being taken: nothing ran, so there is no run to record.
    if (signal.aborted) return { kind: 'ran', outcome: 'aborted', error: signal.reason };
    const startedAt = clock.now();
    const runId = newRunId(startedAt);
    inFlight.runId = runId;
    const runLog = options.log.child({ runId, job: job.name });
    runLog.info(`${job.name} ${runId} started`);
    let result: Attempt<T> & { kind: 'ran' };
    try {
      const value = await body({ runId, signal, log: runLog });
      result = { kind: 'ran', outcome: signal.aborted ? 'aborted' : outcomeOf(value), value };
    } catch (error) {
      result = { kind: 'ran', outcome: signal.aborted ? 'aborted' : 'failed', error };
    }
    const finishedAt = clock.now();
    const why =
      result.error !== undefined
        ? messageOf(result.error)
        : signal.aborted
          ? messageOf(signal.reason)
          : undefined;
    const line = { outcome: result.outcome, durationMs: finishedAt - startedAt, err: why };
    const message = `${job.name} ${runId} ${result.outcome} after ${((finishedAt - startedAt) / 1000).toFixed(1)} s${why ? `: ${why}` : ''}`;
    if (result.outcome === 'failed') runLog.error(line, message);
    else if (result.outcome === 'aborted') runLog.warn(line, message);
    else runLog.info(line, message);
    if (job === cycleJob) recordCycle({ runId, outcome: result.outcome, startedAt, finishedAt, error: why });
    return result;
  }

  function recordCycle(record: CycleRecord): void {
    lastCycle = record;
    if (record.outcome === 'succeeded') failingSince = undefined;
    else if (record.outcome === 'failed') failingSince ??= record.finishedAt;
    metrics?.recordCycle(record.outcome, record.finishedAt - record.startedAt, record.finishedAt);
  }

  const cycle = (): Promise<Attempt<R>> =>
    attempt(cycleJob, options.runCycle, (r) => (r.ok ? 'succeeded' : 'failed'));
  const report = (): Promise<Attempt<void>> => attempt(reportJob, options.runReport, () => 'succeeded');

  /** A scheduled tick: never throws, so node-cron has nothing to report. */
  async function tick(job: Job, start: () => Promise<Attempt<unknown>>, at: Date): Promise<void> {
    if (shutdown.signal.aborted) return;
    try {
      const result = await start();
      if (result.kind === 'busy') {
        metrics?.recordSkippedTick(job.name, 'overlap');
        log.warn(
          { job: job.name, runningRunId: result.runId },
          `skipped the ${job.name} tick of ${at.toISOString()}: ${result.runId ?? 'the previous run'} is still running`,
        );
      } else if (result.kind === 'held') {
        metrics?.recordSkippedTick(job.name, 'standby');
        log.info(
          { job: job.name, holder: result.holder, leaseExpiresAt: toIso(result.expiresAt) },
          `standing by: ${result.holder} holds the "${job.lease}" lease; skipped the ${job.name} tick of ${at.toISOString()}`,
        );
      }
    } catch (error) {
      log.error(
        { job: job.name, err: messageOf(error) },
        `${job.name} tick of ${at.toISOString()} failed: ${messageOf(error)}`,
      );
    }
  }

  function schedule(cron: string, job: Job, start: () => Promise<Attempt<unknown>>): ScheduledTask {
    const { timezone } = options.schedules;
    const task = createTask(cron, (ctx) => tick(job, start, ctx.date), {
      name: `bearing-${job.name}`,
      timezone,
      logger: cronLogger(log),
    });
    task.on('execution:missed', (ctx) => {
      log.warn(
        { job: job.name },
        `missed the ${job.name} tick of ${ctx.date.toISOString()}: the process was busy`,
      );
    });
    void task.start();
    return task;
  }

  async function waitForLease(waitForLeaseMs: number): Promise<R> {
    let waited = 0;
    for (;;) {
      const result = await cycle();
      if (result.kind === 'ran') {
        if (result.error !== undefined) throw result.error;
        return result.value as R;
      }
      const holder =
        result.kind === 'held' ? result.holder : `this worker (run ${result.runId ?? 'starting'})`;
      const until = result.kind === 'held' ? ` until ${toIso(result.expiresAt)}` : '';
      if (waited >= waitForLeaseMs) {
        throw new BearingError(
          'conflict',
          `another cycle is running on this store: the "${cycleJob.lease}" lease is held by ${holder}${until}; waited ${Math.round(waitForLeaseMs / 1000)} s. Try again once it has finished.`,
          { details: { lease: cycleJob.lease, holder } },
        );
      }
      if (waited === 0) {
        log.info(
          { holder, waitForLeaseMs },
          `the "${cycleJob.lease}" lease is held by ${holder}${until}; waiting up to ${Math.round(waitForLeaseMs / 1000)} s`,
        );
      }
      const step = Math.min(pollMs, waitForLeaseMs - waited);
      await sleep(step, undefined, { signal: shutdown.signal }).catch(() => undefined);
      waited += step;
      if (shutdown.signal.aborted) throw stopped();
    }
  }

  return {
    async start() {
      if (closing) throw stopped();
      if (tasks.length > 0) return;
      const { sync, report: reportCron, timezone } = options.schedules;
      const [syncTask, reportTask] = [
        schedule(sync, cycleJob, cycle),
        schedule(reportCron, reportJob, report),
      ];
      tasks.push(syncTask, reportTask);
      const nextCycleAt = syncTask.getNextRun()?.toISOString();
      const nextReportAt = reportTask.getNextRun()?.toISOString();
      log.info(
        { schedules: options.schedules, holder: options.holder, nextCycleAt, nextReportAt },
        `scheduled cycles at "${sync}" and reports at "${reportCron}" (${timezone}); next cycle at ${nextCycleAt}, next report at ${nextReportAt}`,
      );
    },

    runOnce({ waitForLeaseMs = ttlMs + pollMs } = {}) {
      if (closing) return Promise.reject(stopped());
      return waitForLease(waitForLeaseMs);
    },

    close() {
      closing ??= (async () => {
        shutdown.abort(stopped());
        await Promise.all(tasks.map((task) => task.destroy()));
        const running = [cycleJob, reportJob].flatMap((job) =>
          job.inFlight ? [{ job, inFlight: job.inFlight }] : [],
        );
        const timeout = new AbortController();
        const drained = await Promise.race([
          Promise.all(running.map((r) => r.inFlight.settled)).then(() => true),
          sleep(drainMs, false, { signal: timeout.signal }).catch(() => false),
        ]);
        timeout.abort();
        if (!drained) {
          for (const { job, inFlight } of running) {
            log.warn(
              { job: job.name, runId: inFlight.runId },
              `${job.name} ${inFlight.runId ?? ''} did not stop within ${drainMs / 1000} s; releasing its lease anyway`,
            );
            await inFlight.lease?.release();
          }
        }
        log.info('worker stopped');
      })();
      return closing;
    },

    status() {
      return { closing: closing !== undefined, lastCycle, failingSince };
    },
  };
}

const stopped = (): BearingError => new BearingError('fatal', 'the worker is shutting down');

/** node-cron's own messages (start, missed ticks) go to pino, not the console. */
function cronLogger(log: Logger) {
  return {
    info: (message: string) => log.info({ component: 'node-cron' }, message),
    warn: (message: string) => log.warn({ component: 'node-cron' }, message),
    error: (message: string | Error, err?: Error) =>
      log.error({ component: 'node-cron', err: err && messageOf(err) }, messageOf(message)),
    debug: (message: string | Error, err?: Error) =>
      log.debug({ component: 'node-cron', err: err && messageOf(err) }, messageOf(message)),
  };
}
