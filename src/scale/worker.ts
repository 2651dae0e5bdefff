import { setTimeout as sleep } from 'node:timers/promises';
import type { Job, JobWithMetadata, PgBoss } from 'pg-boss';
import { ANALYSIS_RUN, runCycle, type CycleResult } from '../app/cycle.js';
import { BearingError, messageOf, newRunId, toIso, type Logger } from '../core/index.js';
import type { Metrics } from '../metrics/index.js';
import type { AnalyzeSummary } from '../pipeline/analyze.js';
import type { ScopeSummary } from '../pipeline/sync.js';
import type { WriteBackSummary } from '../pipeline/write-back.js';
import type { CycleRecord, RunContext, Schedules, Worker, WorkerStatus } from '../scheduler/index.js';
import { JOBS_SCHEMA, openBoss, QUEUES } from './queues.js';
import { schemaSetupError } from './schema-error.js';
import {
  addWriteBacks,
  planBatches,
  syncOneScope,
  writeBackBatch,
  type StageDeps,
  type SyncJob,
} from './stages.js';

/** Hooks for one job's progress display and pull metrics. */
export interface JobObserver {
  onPage(summary: ScopeSummary): void;
  onScored(): void;
  finish(): void;
}

export interface DistributedOptions extends StageDeps {
  /** The store's PostgreSQL URL: pg-boss keeps its queues in the same database. */
  url: string;
  log: Logger;
  schedules: Schedules;
  runReport: (ctx: RunContext) => Promise<void>;
  observe?: (log: Logger) => JobObserver;
  metrics?: Pick<Metrics, 'recordCycle'>;
  /** Told of each cycle this replica coordinated. */
  onCycle?: (result: CycleResult) => void;
  /** Items per write-back job. @default 200 */
  batchSize?: number;
  /** How often the coordinator looks at its stage jobs. @default 500 */
  pollMs?: number;
  /** How long `close()` waits for the jobs in hand to stop. @default 8_000 */
  drainMs?: number;
}

interface Stage<T> {
  id: string;
  state: string;
  output: T | { error?: string } | null;
}

const DEFAULT_BATCH = 200;
const DEFAULT_POLL_MS = 500;
const DEFAULT_DRAIN_MS = 8_000;
const POLLING = { pollingIntervalSeconds: 0.5 };
const WITH_METADATA = { ...POLLING, includeMetadata: true } as const;

/**
 * `bearing run` on a PostgreSQL store: every replica works the same pg-boss queues. A cycle is a job
 * (fired once across replicas by pg-boss's cron schedule, or sent by `run --once`) whose handler, the
 * coordinator, enqueues one sync job per scope, waits for them, enqueues the analysis, waits, plans
 * the write-back into batch jobs and waits again, then records the cycle's run. Any replica may take
 * any stage job; a job whose replica dies stops heartbeating and is retried by another, and so is the
 * coordinator, which picks the cycle up where the jobs in the queue say it stands.
 */
export function createDistributedWorker(options: DistributedOptions): Worker<CycleResult> {
  const log = options.log.child({ component: 'worker' });
  const { store, config } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const shutdown = new AbortController();
  const inHand = new Set<Promise<unknown>>();
  let bossReady: Promise<PgBoss> | undefined;
  let closing: Promise<void> | undefined;
  let lastCycle: CycleRecord | undefined;
  let failingSince: number | undefined;

  const boss = (schedule: boolean): Promise<PgBoss> => {
    bossReady ??= openBoss({ url: options.url, log, schedule }).then(async (b) => {
      await register(b);
      return b;
    });
    return bossReady;
  };

  /** Runs a job's body with a logger and a signal that ends on shutdown; counts it as in hand. */
  async function handle<T>(
    job: Job<unknown>,
    what: string,
    body: (ctx: { log: Logger; signal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    const signal = AbortSignal.any([shutdown.signal, job.signal]);
    const jobLog = options.log.child({ job: job.name, jobId: job.id, attempt: job.retryCount });
    jobLog.info(`${what} started${job.retryCount ? ` (attempt ${job.retryCount + 1})` : ''}`);
    const running = body({ log: jobLog, signal });
    inHand.add(running);
    try {
      const value = await running;
      // Stopped by a shutdown: not done, so pg-boss retries it on another replica.
      if (signal.aborted)
        throw new BearingError('fatal', `${what} stopped by a shutdown; another replica takes it over`);
      jobLog.info(`${what} done`);
      return value;
    } finally {
      inHand.delete(running);
    }
  }

  async function register(b: PgBoss): Promise<void> {
    const concurrency = Math.max(1, ...options.connectors.map((c) => c.concurrency ?? 1));
    await b.work<SyncJob>(QUEUES.sync, { ...POLLING, localConcurrency: concurrency }, ([job]) =>
      handle(job!, `sync of ${job!.data.system} ${job!.data.scope}`, async (ctx) => {
        const observer = options.observe?.(ctx.log);
        try {
          return await syncOneScope(options, job!.data, {
            ...ctx,
            ...(observer ? { onPage: (s: ScopeSummary) => observer.onPage(s) } : {}),
          });
        } finally {
          observer?.finish();
        }
      }),
    );
    await b.work<{ runId: string }>(QUEUES.analyze, POLLING, ([job]) =>
      handle(job!, `analysis of cycle ${job!.data.runId}`, (ctx) => analyze(job!, ctx)),
    );
    await b.work<{ analysisId: string; uids: string[] }>(QUEUES.writeback, POLLING, ([job]) =>
      handle(job!, `write-back of ${job!.data.uids.length} items`, (ctx) =>
        writeBackBatch(options, job!.data, ctx),
      ),
    );
    await b.work<object, CycleResult, typeof WITH_METADATA>(QUEUES.cycle, WITH_METADATA, ([job]) =>
      handle(job!, 'cycle', (ctx) => coordinate(b, job!, ctx)),
    );
    await b.work(QUEUES.report, POLLING, ([job]) =>
      handle(job!, 'weekly report', (ctx) =>
        options.runReport({ runId: newRunId(Date.now()), signal: ctx.signal, log: ctx.log }),
      ),
    );
  }

  async function analyze(
    job: Job<{ runId: string }>,
    ctx: { log: Logger; signal: AbortSignal },
  ): Promise<{ analysisId: string | null; analyze?: AnalyzeSummary; failures: string[] }> {
    const observer = options.observe?.(ctx.log);
    try {
      const result = await runCycle({
        config,
        store,
        connectors: options.connectors,
        log: ctx.log,
        clock: options.clock,
        // A retried analysis records a run of its own.
        runId: `${job.data.runId}-a${job.retryCount}`,
        signal: ctx.signal,
        stages: ['analyze'],
        ...(observer ? { onScored: () => observer.onScored() } : {}),
      });
      const analysis = result.ok ? await store.lastRun(ANALYSIS_RUN, 'succeeded') : null;
      return {
        analysisId: analysis?.id ?? null,
        ...(result.analyze ? { analyze: result.analyze } : {}),
        failures: result.failures,
      };
    } finally {
      observer?.finish();
    }
  }

  /** The cycle's stage jobs in one queue, once every one of them has finished. */
  async function settled<T>(
    b: PgBoss,
    queue: string,
    runId: string,
    signal: AbortSignal,
  ): Promise<Stage<T>[]> {
    for (;;) {
      const jobs = await b.findJobs<{ runId: string }>(queue, { data: { runId } });
      if (jobs.every((j) => ['completed', 'failed', 'cancelled'].includes(j.state))) {
        return jobs.map((j) => ({ id: j.id, state: j.state, output: j.output as Stage<T>['output'] }));
      }
      await sleep(pollMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) throw signal.reason;
    }
  }

  /** Inserts a stage's jobs unless an earlier attempt of the coordinator already did. */
  async function enqueueOnce(
    b: PgBoss,
    queue: string,
    runId: string,
    jobs: () => Promise<{ data: object; singletonKey?: string }[]>,
  ): Promise<void> {
    if ((await b.findJobs(queue, { data: { runId }, limit: 1 })).length > 0) return;
    const list = await jobs();
    if (list.length > 0) await b.insert(queue, list);
  }

  async function coordinate(
    b: PgBoss,
    job: JobWithMetadata<object>,
    ctx: { log: Logger; signal: AbortSignal },
  ): Promise<CycleResult> {
    const runId = cycleRunId(job);
    const { signal } = ctx;
    const startedAt = Date.now();
    const run = await store.getRun(runId);
    if (!run) await store.startRun({ id: runId, kind: 'cycle', startedAt: toIso(job.createdOn.getTime()) });
    const runStartMs = run ? Date.parse(run.startedAt) : job.createdOn.getTime();
    const result: CycleResult = { ok: true, runId, failures: [] };

    const listFailures: ScopeSummary[] = [];
    await enqueueOnce(b, QUEUES.sync, runId, async () => {
      const jobs: { data: SyncJob; singletonKey: string }[] = [];
      for (const connector of options.connectors) {
        try {
          for (const scope of await connector.scopes(signal)) {
            jobs.push({
              data: { runId, system: connector.system, scope, runStartMs },
              singletonKey: `sync:${connector.system}:${scope}`,
            });
          }
        } catch (error) {
          ctx.log.error({ system: connector.system, err: messageOf(error) }, 'could not list scopes');
          listFailures.push({ ...emptySync(connector.system, '*'), error: messageOf(error) });
        }
      }
      return jobs;
    });
    const syncs = await settled<ScopeSummary>(b, QUEUES.sync, runId, signal);
    result.sync = [...listFailures, ...syncs.map((s) => s.output).filter(isSummary)];
    for (const s of result.sync) if (s.error) result.failures.push(`sync ${s.system} ${s.scope}: ${s.error}`);
    result.failures.push(...stageFailures('sync', syncs));

    await enqueueOnce(b, QUEUES.analyze, runId, () =>
      Promise.resolve([{ data: { runId }, singletonKey: 'analysis' }]),
    );
    const [analysis] = await settled<{
      analysisId: string | null;
      analyze?: AnalyzeSummary;
      failures: string[];
    }>(b, QUEUES.analyze, runId, signal);
    const analyzed =
      analysis?.state === 'completed'
        ? (analysis.output as { analysisId: string | null; analyze?: AnalyzeSummary; failures: string[] })
        : undefined;
    if (analyzed?.analyze) result.analyze = analyzed.analyze;
    result.failures.push(
      ...(analyzed?.failures ?? []),
      ...stageFailures('analysis', analysis ? [analysis] : []),
    );

    const analysisId = analyzed?.analysisId;
    if (!config.writeback.enabled) {
      ctx.log.info({ stage: 'writeback' }, 'write-back is turned off (writeback.enabled: false)');
    } else if (analysisId) {
      await enqueueOnce(b, QUEUES.writeback, runId, async () =>
        (await planBatches(store, analysisId, options.batchSize ?? DEFAULT_BATCH)).map((uids) => ({
          data: { runId, analysisId, uids },
        })),
      );
      const batches = await settled<WriteBackSummary>(b, QUEUES.writeback, runId, signal);
      result.writeback = addWriteBacks(batches.map((s) => s.output).filter(isWriteBack));
      for (const e of result.writeback.errors) result.failures.push(`write-back ${e}`);
      if (result.writeback.setupNeeded) result.setupNeeded = true;
      result.failures.push(...stageFailures('write-back', batches));
    }

    result.ok = result.failures.length === 0;
    await store.finishRun(runId, result.ok ? 'succeeded' : 'failed', {
      failures: result.failures,
      ...(result.sync ? { sync: result.sync } : {}),
      ...(result.analyze ? { analyze: result.analyze } : {}),
      ...(result.writeback ? { writeback: { ...result.writeback, preview: 0 } } : {}),
    });
    const finishedAt = Date.now();
    recordCycle({
      runId,
      outcome: result.ok ? 'succeeded' : 'failed',
      startedAt,
      finishedAt,
      ...(result.ok ? {} : { error: result.failures.join('; ') }),
    });
    ctx.log.info(
      { runId, outcome: result.ok ? 'succeeded' : 'failed', durationMs: finishedAt - startedAt },
      `cycle ${runId} ${result.ok ? 'succeeded' : 'failed'} after ${((finishedAt - startedAt) / 1000).toFixed(1)} s`,
    );
    options.onCycle?.(result);
    return result;
  }

  function recordCycle(record: CycleRecord): void {
    lastCycle = record;
    if (record.outcome === 'succeeded') failingSince = undefined;
    else if (record.outcome === 'failed') failingSince ??= record.finishedAt;
    options.metrics?.recordCycle(record.outcome, record.finishedAt - record.startedAt, record.finishedAt);
  }

  /** Sends a cycle job, or finds the one already waiting (the queue keeps one), and follows it to its end. */
  async function oneCycle(b: PgBoss): Promise<CycleResult> {
    const id =
      (await b.send(QUEUES.cycle, {})) ?? (await b.findJobs(QUEUES.cycle, { queued: true, limit: 1 }))[0]?.id;
    if (!id) throw new BearingError('conflict', 'could not enqueue a cycle: the cycle queue refused it');
    log.info({ jobId: id }, `cycle job ${id} enqueued; working the queues until it has finished`);
    for (;;) {
      const [job] = await b.findJobs<object>(QUEUES.cycle, { id });
      if (job?.state === 'completed') return job.output as unknown as CycleResult;
      if (!job || job.state === 'failed' || job.state === 'cancelled') {
        const why = (job?.output as { message?: string } | undefined)?.message ?? 'it was removed';
        throw new BearingError('fatal', `the cycle job ${id} did not complete: ${why}`);
      }
      await sleep(pollMs, undefined, { signal: shutdown.signal }).catch(() => undefined);
      if (shutdown.signal.aborted) throw new BearingError('fatal', 'the worker is shutting down');
    }
  }

  return {
    async start() {
      if (closing) throw new BearingError('fatal', 'the worker is shutting down');
      const { sync, report, timezone } = options.schedules;
      try {
        const b = await boss(true);
        await b.schedule(QUEUES.cycle, sync, null, { tz: timezone });
        await b.schedule(QUEUES.report, report, null, { tz: timezone });
      } catch (error) {
        throw schemaSetupError('start the job queues', JOBS_SCHEMA, error);
      }
      log.info(
        { schedules: options.schedules },
        `working the job queues; cycles at "${sync}" and reports at "${report}" (${timezone}), each fired once across all replicas`,
      );
    },

    async runOnce() {
      if (closing) throw new BearingError('fatal', 'the worker is shutting down');
      return oneCycle(await boss(false));
    },

    close() {
      closing ??= (async () => {
        shutdown.abort(new BearingError('fatal', 'the worker is shutting down'));
        const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
        const b = await bossReady?.catch(() => undefined);
        // Unreferenced, so a drain that ends early does not keep `run --once` alive for the rest of it.
        await Promise.race([Promise.allSettled([...inHand]), sleep(drainMs, undefined, { ref: false })]);
        await b?.stop({ graceful: true, timeout: drainMs });
        log.info('worker stopped');
      })();
      return closing;
    },

    status(): WorkerStatus {
      return { closing: closing !== undefined, lastCycle, failingSince };
    },
  };
}

/** The run id of a cycle job: the same on whichever replica (re)takes the job. */
function cycleRunId(job: JobWithMetadata<object>): string {
  const at = job.createdOn.toISOString().replace(/[-:.]/g, '').slice(0, 15);
  return `${at}-${job.id.slice(0, 8)}`;
}

function stageFailures(stage: string, jobs: readonly Stage<unknown>[]): string[] {
  return jobs
    .filter((j) => j.state !== 'completed')
    .map(
      (j) => `${stage} job ${j.id} ${j.state}: ${(j.output as { message?: string } | null)?.message ?? ''}`,
    );
}

const isSummary = (o: unknown): o is ScopeSummary =>
  typeof o === 'object' && o !== null && 'scope' in o && 'system' in o;
const isWriteBack = (o: unknown): o is WriteBackSummary =>
  typeof o === 'object' && o !== null && 'written' in o && 'errors' in o;

function emptySync(system: string, scope: string): ScopeSummary {
  return { system, scope, pages: 0, items: 0, inserted: 0, changed: 0, unchanged: 0, quarantined: 0 };
}
