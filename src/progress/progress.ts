import cliProgress from 'cli-progress';
import { systemClock, type Clock, type Logger } from '../core/index.js';

export interface ProgressOptions {
  log: Logger;
  /**
   * The terminal to draw a bar on (pass `process.stdout` when `process.stdout.isTTY`). Without it,
   * progress is a log line every `intervalMs`, which is what a container's log collector wants.
   */
  tty?: NodeJS.WritableStream;
  /** What is counted (`pull jira SHOP`, `analyze`); starts every line. */
  label: string;
  /** The count expected at the end, when known. */
  total?: number;
  /** @default 10_000 */
  intervalMs?: number;
  clock?: Clock;
}

export interface Progress {
  /** Counts `n` more done. @default 1 */
  tick(n?: number): void;
  /** Ends the display and logs the final count and rate. Calling it again does nothing. */
  done(): void;
}

const DEFAULT_INTERVAL_MS = 10_000;

/** Progress of a long pull or analysis: a bar on a terminal, a steady log line otherwise. */
export function createProgress(options: ProgressOptions): Progress {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const { label, total } = options;
  let count = 0;
  let finished = false;
  const display = options.tty
    ? barDisplay(options.tty, label, total)
    : logDisplay(options, () => count, startedAt, clock);
  return {
    tick(n = 1) {
      if (finished) return;
      count += n;
      display.update(count, ratePerSecond(count, clock.now() - startedAt));
    },
    done() {
      if (finished) return;
      finished = true;
      display.stop();
      const elapsedMs = clock.now() - startedAt;
      const rate = ratePerSecond(count, elapsedMs);
      options.log.info(
        { progress: label, count, total, elapsedMs, ratePerSecond: rate },
        `${label}: done, ${format(count)} in ${(elapsedMs / 1000).toFixed(1)} s (${format(rate)}/s)`,
      );
    },
  };
}

interface Display {
  update(count: number, rate: number): void;
  stop(): void;
}

function barDisplay(stream: NodeJS.WritableStream, label: string, total: number | undefined): Display {
  const bar = new cliProgress.SingleBar({
    stream,
    format:
      total === undefined
        ? `${label} | {value} | {rate}/s | {duration_formatted}`
        : `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
    // bearing's own SIGTERM handling ends the run, and the run ends the bar.
    gracefulExit: false,
    hideCursor: false,
  });
  bar.start(total ?? 0, 0, { rate: '0' });
  return {
    update: (count, rate) => bar.update(count, { rate: format(rate) }),
    stop: () => bar.stop(),
  };
}

function logDisplay(options: ProgressOptions, count: () => number, startedAt: number, clock: Clock): Display {
  const { log, label, total } = options;
  let last = { at: startedAt, count: 0 };
  const timer = setInterval(() => {
    const now = clock.now();
    const n = count();
    const rate = ratePerSecond(n - last.count, now - last.at);
    last = { at: now, count: n };
    const of =
      total === undefined ? '' : ` of ${format(total)} (${Math.floor((n / Math.max(total, 1)) * 100)}%)`;
    log.info(
      { progress: label, count: n, total, elapsedMs: now - startedAt, ratePerSecond: rate },
      `${label}: ${format(n)}${of}, ${format(rate)}/s`,
    );
  }, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  // A forgotten done() must not keep the process alive.
  timer.unref();
  return { update: () => undefined, stop: () => clearInterval(timer) };
}

function ratePerSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((count * 1000) / elapsedMs) : 0;
}

const format = (n: number): string => n.toLocaleString('en-US');
