import type { Connector, ItemWriter } from '../connectors/connector.js';
import type { Logger } from '../core/log.js';
import type { Metrics } from '../metrics/index.js';
import type { ScopeSummary } from '../pipeline/sync.js';
import { createProgress, type Progress } from '../progress/index.js';

/** What a cycle reports as it goes, for progress and metrics; pass `onPage` and `onScored` to runCycle. */
export interface CycleObserver {
  onPage(summary: ScopeSummary): void;
  onScored(): void;
  /** Ends the progress displays (logs their final counts). */
  finish(): void;
}

export interface ObserveOptions {
  log: Logger;
  /** A terminal to draw progress bars on; without it progress is a log line at a steady interval. */
  tty?: NodeJS.WritableStream | undefined;
  metrics?: Pick<Metrics, 'recordPull'> | undefined;
  /** @default 10_000 */
  progressIntervalMs?: number;
}

/**
 * Progress and pull metrics of one cycle. Sync reports each scope's running totals after every
 * stored page; the difference from the previous report is what that page added.
 */
export function observeCycle(options: ObserveOptions): CycleObserver {
  const seen = new Map<string, { items: number; quarantined: number }>();
  let pull: Progress | undefined;
  let analysis: Progress | undefined;
  const progress = (label: string): Progress =>
    createProgress({
      log: options.log,
      label,
      ...(options.tty ? { tty: options.tty } : {}),
      ...(options.progressIntervalMs ? { intervalMs: options.progressIntervalMs } : {}),
    });
  return {
    onPage(summary) {
      const key = `${summary.system}\u0000${summary.scope}`;
      const before = seen.get(key) ?? { items: 0, quarantined: 0 };
      seen.set(key, { items: summary.items, quarantined: summary.quarantined });
      const items = summary.items - before.items;
      const quarantined = summary.quarantined - before.quarantined;
      options.metrics?.recordPull(summary.system, summary.scope, items, quarantined);
      pull ??= progress('sync: items pulled');
      pull.tick(items);
    },
    onScored() {
      // The pull is over once analysis scores items.
      pull?.done();
      analysis ??= progress('analyze: items scored');
      analysis.tick();
    },
    finish() {
      pull?.done();
      analysis?.done();
    },
  };
}

/** The same connectors, with every write outcome counted per system (done, failed). */
export function meterWrites(
  connectors: readonly Connector[],
  metrics: Pick<Metrics, 'recordWrites'>,
): Connector[] {
  return connectors.map((connector) => {
    const writer: ItemWriter = {
      ...connector.writer,
      async write(writes, signal) {
        try {
          const outcomes = await connector.writer.write(writes, signal);
          const done = outcomes.filter((o) => o.ok).length;
          metrics.recordWrites(connector.system, done, outcomes.length - done);
          return outcomes;
        } catch (error) {
          metrics.recordWrites(connector.system, 0, writes.length);
          throw error;
        }
      },
    };
    return { ...connector, writer };
  });
}
