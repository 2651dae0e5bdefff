import { PgBoss, type Queue } from 'pg-boss';
import { jobsSuperviseSeconds } from '../config/index.js';
import { messageOf, type Logger } from '../core/index.js';

/** The schema pg-boss keeps its jobs and schedules in, and bearing its shared rate slots. */
export const JOBS_SCHEMA = 'bearing_jobs';

export const QUEUES = {
  /** One job per cycle: the coordinator that enqueues the stages and waits for them. */
  cycle: 'bearing-cycle',
  /** One job per connector scope and cycle. */
  sync: 'bearing-sync',
  /** One job per cycle, after every scope is synced. */
  analyze: 'bearing-analyze',
  /** Batches of items whose fields change, after the analysis. */
  writeback: 'bearing-writeback',
  /** The weekly report. */
  report: 'bearing-report',
} as const;

/**
 * A job's replica must touch it this often; once it stops (the process died, or lost its database),
 * the job is failed and retried by another replica. pg-boss's floor.
 */
export const HEARTBEAT_SECONDS = 10;
/** How often some replica looks for jobs whose heartbeat stopped (one pass across all replicas); tests lower it. */
const MONITOR_SECONDS = 5;
const jobDefaults = {
  heartbeatSeconds: HEARTBEAT_SECONDS,
  // The heartbeat finds a dead replica; this only bounds a job that hangs while its process lives on.
  expireInSeconds: 24 * 3600,
  // Handlers report upstream failures in their output and complete: a retry means the replica stopped.
  retryLimit: 10,
  retryDelay: 1,
  deleteAfterSeconds: 7 * 24 * 3600,
} satisfies Omit<Queue, 'name'>;

const QUEUE_OPTIONS: Record<keyof typeof QUEUES, Omit<Queue, 'name'>> = {
  // One cycle active and one waiting: ticks that come while a cycle runs collapse into one.
  cycle: { ...jobDefaults, policy: 'stately' },
  // One active job per singletonKey (`sync:<system>:<scope>`): a scope is never synced twice at once.
  sync: { ...jobDefaults, policy: 'singleton' },
  analyze: { ...jobDefaults, policy: 'singleton' },
  writeback: { ...jobDefaults, policy: 'standard' },
  report: { ...jobDefaults, policy: 'stately' },
};

export interface BossOptions {
  url: string;
  log: Logger;
  /** Whether this process sends the jobs of cron schedules (`bearing run`; not `run --once`). */
  schedule: boolean;
}

/** Starts pg-boss on the store's database (installing or upgrading its schema) with bearing's queues. */
export async function openBoss(options: BossOptions): Promise<PgBoss> {
  const log = options.log.child({ component: 'pg-boss' });
  const monitor = jobsSuperviseSeconds() ?? MONITOR_SECONDS;
  const boss = new PgBoss({
    connectionString: options.url,
    schema: JOBS_SCHEMA,
    application_name: 'bearing-jobs',
    max: 4,
    schedule: options.schedule,
    // pg-boss fails stale jobs in a pass that needs both timers, so both are set.
    superviseIntervalSeconds: monitor,
    monitorIntervalSeconds: monitor,
  });
  boss.on('error', (error) => log.warn({ err: messageOf(error) }, `job queue: ${messageOf(error)}`));
  try {
    await boss.start();
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const [key, name] of Object.entries(QUEUES) as [keyof typeof QUEUES, string][]) {
      if (existing.has(name)) continue;
      // Another replica starting at the same moment may create it first.
      await boss.createQueue(name, QUEUE_OPTIONS[key]).catch(async (error: unknown) => {
        if (!(await boss.getQueue(name))) throw error;
      });
    }
  } catch (error) {
    // Its pool and timers would keep the process alive.
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }
  return boss;
}
