import PQueue from 'p-queue';

/** Rate and concurrency of one upstream system, from config. */
export interface LaneOptions {
  /** Requests started per second at most. */
  perSecond: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** A rate shared with other processes (replicas), taken before every request on top of this lane's own. */
  shared?: RateGate;
}

/** A request rate shared beyond this process (see src/scale/rate.ts). */
export interface RateGate {
  /** Resolves when one more request may start. */
  take(): Promise<void>;
  /** Tells the other processes to hold off for `ms` too (a 429's Retry-After). */
  pause(ms: number): void;
}

/**
 * One lane per upstream system (style.md, practice 6): every request to that system goes through
 * it, so the configured rate holds across all scopes and stages. A 429 pauses the whole lane.
 */
export interface Lane {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Stops starting requests for `ms` (a 429's Retry-After); requests in flight finish. */
  pauseFor(ms: number): void;
  onIdle(): Promise<void>;
  /** Requests waiting to start. */
  readonly pending: number;
}

export function createLane(options: LaneOptions): Lane {
  const queue = new PQueue({
    concurrency: options.concurrency,
    intervalCap: options.perSecond,
    interval: 1000,
    // Sliding window: no burst of 2× the rate across an interval boundary, which the services would answer with 429.
    strict: true,
  });
  let resumeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    run: <T>(task: () => Promise<T>) => {
      const { shared } = options;
      return queue.add(shared ? () => shared.take().then(task) : task) as Promise<T>;
    },
    pauseFor(ms) {
      options.shared?.pause(ms);
      const until = Date.now() + ms;
      if (until <= resumeAt) return;
      resumeAt = until;
      queue.pause();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        queue.start();
      }, ms);
      timer.unref();
    },
    onIdle: () => queue.onIdle(),
    get pending() {
      return queue.size;
    },
  };
}
