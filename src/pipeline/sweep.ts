import type { Connector } from '../connectors/connector.js';
import { BearingError, messageOf } from '../core/errors.js';
import { newRunId } from '../core/ids.js';
import type { Logger } from '../core/log.js';
import { toIso } from '../core/time.js';
import type { Source } from '../model/index.js';
import type { Store } from '../store/store.js';

/**
 * Deletion sweeps. Incremental pulls read what changed since the cursor, and a deleted ticket never
 * changes again, so every now and then each scope's ids are listed upstream (ids only, the largest pages
 * the API allows) and stored items of the scope that are missing are marked deleted: they drop out of
 * analysis and write-back. Items marked deleted that a later listing holds again are marked live: a
 * restored ticket, or one a listing missed for a while (a permission flickered, a server-side filter
 * changed), whose `updated` did not move and which no incremental pull would bring. An item a pull
 * brings (changed upstream) is live again at once.
 *
 * Cadence: a scope is swept when its last successful sweep started `everyMs` or more before this run
 * (24 h by default: Jira Cloud pays ceil(N / 5,000) searches for N issues, about 1 % of a full pull). A
 * full pull (no cursor) lists every item anyway, so it counts as a sweep and starts the clock. Each sweep
 * is recorded as a run of kind `sweep <system> <scope>`; a failed sweep is tried again next cycle.
 */

/** @default one day */
export const DEFAULT_SWEEP_EVERY_MS = 24 * 3_600_000;

export interface SweepSummary {
  /** Ids listed upstream. */
  listed: number;
  /** Stored items marked deleted by this sweep. */
  deleted: number;
  /** Stored items marked deleted before that this sweep listed again, marked live. */
  restored: number;
}

export const sweepRunKind = (system: Source, scope: string): string => `sweep ${system} ${scope}`;

/** Whether the scope's last successful sweep (or full pull) started `everyMs` or more before `nowMs`. */
export async function sweepDue(
  store: Store,
  system: Source,
  scope: string,
  nowMs: number,
  everyMs: number,
): Promise<boolean> {
  const last = await store.lastRun(sweepRunKind(system, scope), 'succeeded');
  return last === null || Date.parse(last.startedAt) + everyMs <= nowMs;
}

/** Records a completed full pull of the scope as its latest sweep: it listed every item there is. */
export async function recordFullPull(
  store: Store,
  system: Source,
  scope: string,
  startedMs: number,
  items: number,
): Promise<void> {
  const id = `${newRunId(startedMs)}-sweep`;
  await store.startRun({ id, kind: sweepRunKind(system, scope), startedAt: toIso(startedMs) });
  await store.finishRun(id, 'succeeded', { listed: items, deleted: 0, by: 'full pull' });
}

/**
 * Lists the scope's ids upstream, marks the stored items that are missing as deleted and those marked
 * deleted that are listed again as live. Nothing is
 * marked unless the listing completed: a failed page throws before the store is touched. A listing
 * that finds nothing at all while bearing stores items of the scope marks nothing either and fails —
 * that is far likelier a lost read permission than every ticket deleted.
 */
export async function sweepScope(
  connector: Connector,
  scope: string,
  options: { store: Store; nowMs: number; signal: AbortSignal; log: Logger },
): Promise<SweepSummary> {
  const { store, signal } = options;
  const system = connector.system;
  const id = `${newRunId(options.nowMs)}-sweep`;
  await store.startRun({ id, kind: sweepRunKind(system, scope), startedAt: toIso(options.nowMs) });
  try {
    const upstream = new Set<string>();
    for await (const ids of connector.listIds(scope, signal)) for (const itemId of ids) upstream.add(itemId);
    if (signal.aborted) throw new BearingError('fatal', 'stopped before the listing was complete (shutdown)');
    const missing: string[] = [];
    const back: string[] = [];
    let stored = 0;
    for await (const item of store.iteratePresence(system, scope)) {
      const listed = upstream.has(item.id);
      if (item.deleted) {
        if (listed) back.push(item.uid);
      } else {
        stored++;
        if (!listed) missing.push(item.uid);
      }
    }
    if (upstream.size === 0 && stored > 0) {
      throw new BearingError(
        'auth',
        `${system} listed no items in ${scope} while bearing holds ${stored}; nothing was marked deleted. Check that the service account can still read ${scope}`,
      );
    }
    await store.markDeleted(missing);
    await store.markLive(back);
    const summary: SweepSummary = { listed: upstream.size, deleted: missing.length, restored: back.length };
    await store.finishRun(id, 'succeeded', { ...summary });
    options.log.info(
      { ...summary },
      `deletion sweep of ${scope}: ${summary.listed} items upstream, ${summary.deleted} gone (marked deleted), ${summary.restored} back (marked live again)`,
    );
    return summary;
  } catch (error) {
    await store.finishRun(id, 'failed', { error: messageOf(error) });
    throw error;
  }
}
