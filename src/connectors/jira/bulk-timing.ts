/**
 * When to poll a bulk edit task (api-facts §10.1), so that a task costs about one poll and its slot idles
 * little once it is done.
 *
 * A finished task tells how long it ran on the site's clock (`updated − created`); the site's tasks of a
 * similar size take about as long, so the first poll of the next one waits that long after its submission
 * was answered (the task was created before that answer left, so the poll is not early for a task that
 * takes as long; it is late by at most a round trip). A task still running at a poll tells how far it got (`progressPercent` since `started`), so
 * the next poll comes when that pace says it ends. Durations are kept across calls: they belong to the site.
 */
import type { BulkProgress } from './wire/types.js';

export interface BulkPolling {
  /**
   * About how long a task takes, until one has finished on this site: the first poll comes at a quarter of
   * it, early, so that the running task's progress tells when it ends. @default 1000
   */
  expectedTaskMs: number;
  /** Longest wait between polls. @default 15000 */
  maxDelayMs: number;
}

/** Durations remembered (the latest win). */
const SAMPLES = 32;
/** Polls closer together than this learn nothing new. */
const SOONEST_MS = 10;

interface Sample {
  issues: number;
  ms: number;
}

export interface TaskPolls {
  /** Wait before the next poll, given the answer to this one (not done yet). */
  next(progress: BulkProgress): number;
  /** Records how long the task ran, when it completed (a failed task says nothing about that). */
  done(progress: BulkProgress): void;
  /** Wait before the first poll. */
  readonly first: number;
}

export class BulkTaskTiming {
  private readonly samples: Sample[] = [];

  constructor(
    private readonly polling: BulkPolling,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How long a task of `issues` issues is expected to run: the latest duration of the nearest size. */
  private expectedMs(issues: number): number | undefined {
    let best: Sample | undefined;
    let bestDistance = Infinity;
    for (const sample of this.samples) {
      const distance = Math.abs(Math.log(sample.issues / issues));
      if (distance <= bestDistance) {
        best = sample;
        bestDistance = distance;
      }
    }
    return best?.ms;
  }

  /** Starts timing a task whose submission was just answered. */
  task(issues: number): TaskPolls {
    const answeredAt = this.now();
    const expected = this.expectedMs(issues);
    const { expectedTaskMs, maxDelayMs } = this.polling;
    const first = Math.min(expected ?? expectedTaskMs / 4, maxDelayMs);
    let last = first;
    let polls = 0;
    return {
      first,
      next: (progress) => {
        polls++;
        const fromExpected = expected === undefined ? 0 : expected - (this.now() - answeredAt);
        // Nothing to go by (queued, no progress, past its expected time): back off.
        let wait = remainingMs(progress) ?? (fromExpected > 0 ? fromExpected : last * 2);
        // From the third poll on, back off anyway: a task running past its estimate is slow, not nearly done.
        if (polls >= 2) wait = Math.max(wait, last * 2);
        last = Math.min(maxDelayMs, Math.max(SOONEST_MS, wait));
        return last;
      },
      done: (progress) => {
        if (progress.status !== 'COMPLETE') return;
        const { created, updated } = progress;
        const ms =
          created !== undefined && updated !== undefined && updated >= created
            ? updated - created
            : this.now() - answeredAt;
        this.samples.push({ issues, ms });
        if (this.samples.length > SAMPLES) this.samples.shift();
      },
    };
  }
}

/** The time a running task still needs at the pace it went so far, on the site's clock. */
function remainingMs(progress: BulkProgress): number | undefined {
  const { progressPercent: percent, started, updated } = progress;
  if (progress.status !== 'RUNNING' || started === undefined || updated === undefined) return undefined;
  if (percent === undefined || percent <= 0 || percent >= 100) return undefined;
  return ((updated - started) * (100 - percent)) / percent;
}
