import { systemClock } from '../core/time.js';
import type { Logger } from '../core/log.js';
import { createMetrics, type Metrics } from '../metrics/index.js';
import {
  createWorker,
  handleSignals,
  workerHolderId,
  type RunContext,
  type SignalSource,
  type Worker,
} from '../scheduler/index.js';
import { createDistributedWorker, scalesOut, sharedRatesFor } from '../scale/index.js';
import { readiness, startServer, type RunningServer } from '../server/index.js';
import { openSession, type Session } from './commands.js';
import { runCycle, type CycleResult } from './cycle.js';
import { generateReport } from './report.js';
import { meterWrites, observeCycle } from './observe.js';

/** What the weekly report job is given besides the session. */
export interface ReportContext extends RunContext {
  metrics: Pick<Metrics, 'recordDelivery'>;
}

/** Builds and delivers the weekly report for the session's store. */
export type ReportJob = (session: Session, ctx: ReportContext) => Promise<void>;

/** The report job `bearing run` schedules at `schedule.report`: the last complete week's report. */
export const weeklyReport: ReportJob = async (session, ctx) => {
  await generateReport(session, { metrics: ctx.metrics });
};

export interface ServiceOptions {
  report: ReportJob;
  /** A terminal to draw progress bars on; without it, progress is a log line every 10 s. */
  tty?: NodeJS.WritableStream | undefined;
  /**
   * Ends the process once stopped; called once with the exit code. The default flushes the log,
   * then calls `process.exit`.
   */
  exit?: (code: number) => void;
  /** Where SIGTERM and SIGINT come from. @default process */
  signals?: SignalSource;
  /** @default 10_000 */
  progressIntervalMs?: number;
}

export interface RunningService {
  /** Where /healthz, /readyz and /metrics are served. */
  url: string;
  session: Session;
  /** Resolves with the exit code once the service has stopped (on SIGTERM or SIGINT, or when it must). */
  stopped: Promise<number>;
}

/** How long a lease lasts without renewal: a crashed worker's cycle is taken over after this. */
const LEASE_TTL_MS = 60_000;
/** How long cycles may keep failing before /readyz reports not ready. */
const READY_GRACE_MS = 30 * 60_000;
/** Exit code when a cycle found bearing's fields missing (a configuration problem). */
const SETUP_NEEDED_EXIT = 2;

/**
 * `bearing run`: the worker as a service. Cycles and reports on the configured crons under the
 * store's single-runner leases, /healthz /readyz /metrics on `server.port`, and a graceful stop on
 * SIGTERM/SIGINT: the running cycle stops taking pages, commits what it stored, releases its lease,
 * and the process exits 0 within 10 s (1 if it could not, 128 + n on a second signal).
 */
export async function startService(configPath: string, options: ServiceOptions): Promise<RunningService> {
  const metrics = createMetrics();
  const session = await openSession(configPath, {
    onCall: (call) => metrics.recordCall(call),
    shareRates: sharedRatesFor,
  });
  const { config, log } = session;
  let stop!: (code: number) => void;
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  let stopping = false;

  const worker: Worker<CycleResult> = composeWorker(session, metrics, {
    ...options,
    onCycle: (result) => {
      if (!result.setupNeeded) return;
      log.error(
        { failures: result.failures },
        'bearing setup is needed before the worker can write back: run `bearing setup`, then start the worker again',
      );
      // Stopped from outside the cycle: close() waits for the cycle to settle.
      setImmediate(() => shutDown(SETUP_NEEDED_EXIT));
    },
  });
  let server: RunningServer | undefined;
  const close = async (): Promise<void> => {
    stopping = true;
    await worker.close();
    await server?.close();
    await session.close();
  };
  let exited = false;
  const exit = (code: number): void => {
    if (exited) return;
    exited = true;
    disposeSignals();
    stop(code);
    (options.exit ?? exitProcess(log))(code);
  };
  const shutDown = (code: number): void => {
    if (stopping) return;
    close().then(
      () => exit(code),
      () => exit(1),
    );
  };
  const disposeSignals = handleSignals({ close }, log, {
    exit,
    ...(options.signals ? { source: options.signals } : {}),
  });

  try {
    server = await startServer({
      port: config.server.port,
      host: config.server.host,
      ready: readiness({ store: session.store, worker, graceMs: READY_GRACE_MS, log }),
      metrics,
      log,
    });
    await worker.start();
  } catch (error) {
    disposeSignals();
    await close();
    throw error;
  }
  return { url: server.url, session, stopped };
}

export interface OnceOptions extends Omit<ServiceOptions, 'report'> {
  /** How long to wait for another worker's cycle lease. @default 61 s (the lease's time to live and one poll) */
  waitForLeaseMs?: number;
}

/**
 * `bearing run --once`: one cycle under the store's lease (waiting a bounded time for a held one),
 * then its result. SIGTERM/SIGINT stop it as they stop the service.
 */
export async function runOnce(configPath: string, options: OnceOptions = {}): Promise<CycleResult> {
  const metrics = createMetrics();
  const session = await openSession(configPath, {
    onCall: (call) => metrics.recordCall(call),
    shareRates: sharedRatesFor,
  });
  const worker = composeWorker(session, metrics, { ...options, report: weeklyReport });
  let exited: ((code: number) => void) | undefined;
  const signalled = new Promise<number>((resolve) => (exited = resolve));
  const close = async (): Promise<void> => {
    await worker.close();
    await session.close();
  };
  const disposeSignals = handleSignals({ close }, session.log, {
    exit: (code) => {
      exited?.(code);
      (options.exit ?? exitProcess(session.log))(code);
    },
    ...(options.signals ? { source: options.signals } : {}),
  });
  try {
    const result = await worker.runOnce({
      ...(options.waitForLeaseMs !== undefined ? { waitForLeaseMs: options.waitForLeaseMs } : {}),
    });
    // Stopped by a signal: the signal handler decides how the process ends.
    if (worker.status().closing) await signalled;
    return result;
  } finally {
    if (!worker.status().closing) {
      disposeSignals();
      await close();
    }
  }
}

interface ComposeOptions extends ServiceOptions {
  onCycle?: (result: CycleResult) => void;
}

/**
 * The worker over one session: metered connectors, progress, and the cycle and report jobs. On a
 * PostgreSQL store the cycle's stages are jobs that every replica works (src/scale).
 */
function composeWorker(session: Session, metrics: Metrics, options: ComposeOptions): Worker<CycleResult> {
  const { config, store, log } = session;
  const connectors = meterWrites(session.connectors, metrics);
  const observe = (jobLog: Logger) =>
    observeCycle({
      log: jobLog,
      tty: options.tty,
      metrics,
      ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
    });
  if (scalesOut(config)) {
    return createDistributedWorker({
      url: config.store.url,
      config,
      store,
      connectors,
      clock: systemClock,
      log,
      schedules: config.schedule,
      metrics,
      observe,
      ...(options.onCycle ? { onCycle: options.onCycle } : {}),
      runReport: (ctx) => options.report(session, { ...ctx, metrics }),
    });
  }
  return createWorker<CycleResult>({
    store,
    log,
    holder: workerHolderId(),
    schedules: config.schedule,
    metrics,
    leaseTtlMs: LEASE_TTL_MS,
    runCycle: async (ctx) => {
      const observer = observe(ctx.log);
      try {
        const result = await runCycle({
          config,
          store,
          connectors,
          log: ctx.log,
          clock: systemClock,
          runId: ctx.runId,
          signal: ctx.signal,
          stages: ['sync', 'analyze', 'writeback'],
          onPage: observer.onPage,
          onScored: observer.onScored,
        });
        options.onCycle?.(result);
        return result;
      } finally {
        observer.finish();
      }
    },
    runReport: (ctx) => options.report(session, { ...ctx, metrics }),
  });
}

function exitProcess(log: Logger): (code: number) => void {
  return (code) => log.flush(() => process.exit(code));
}
