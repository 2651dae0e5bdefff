import { messageOf, systemClock, toIso, type Clock, type Logger } from '../core/index.js';
import type { WorkerStatus } from '../scheduler/index.js';
import type { Store } from '../store/index.js';

export interface Readiness {
  ready: boolean;
  /** Why not ready; empty when ready. Public (the probe's body), so no paths, URLs or error texts. */
  reasons: string[];
}

export interface ReadinessOptions {
  store: Pick<Store, 'ping'>;
  worker: { status(): WorkerStatus };
  /** How long cycles may keep failing before the worker reports not ready. */
  graceMs: number;
  clock?: Clock;
  /** Where the details of a failed check go. */
  log: Logger;
}

/**
 * The /readyz check. It exists once the configuration has loaded and the store is open (main builds
 * it after both), so it asks: is the store reachable, have cycles not been failing for longer than
 * the grace, and is the worker not shutting down.
 */
export function readiness(options: ReadinessOptions): () => Promise<Readiness> {
  const clock = options.clock ?? systemClock;
  return async () => {
    const reasons: string[] = [];
    const status = options.worker.status();
    if (status.closing) reasons.push('shutting down');
    try {
      await options.store.ping();
    } catch (error) {
      options.log.warn({ err: messageOf(error) }, `readiness: store unreachable: ${messageOf(error)}`);
      reasons.push('store unreachable');
    }
    const since = status.failingSince;
    if (since !== undefined && clock.now() - since > options.graceMs) {
      const last = status.lastCycle?.runId;
      reasons.push(
        `cycles failing since ${toIso(since)} (longer than ${Math.round(options.graceMs / 1000)} s)${
          last ? `; last run ${last}` : ''
        }`,
      );
    }
    return { ready: reasons.length === 0, reasons };
  };
}
