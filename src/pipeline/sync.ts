import type { Connector } from '../connectors/connector.js';
import { messageOf } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Source } from '../model/index.js';
import type { Store } from '../store/store.js';
import { DEFAULT_SWEEP_EVERY_MS, recordFullPull, sweepDue, sweepScope, type SweepSummary } from './sweep.js';

export interface ScopeSummary {
  system: string;
  scope: string;
  pages: number;
  items: number;
  inserted: number;
  changed: number;
  unchanged: number;
  quarantined: number;
  /** The deletion sweep run after the pull, when one was due (see sweep.ts). */
  sweep?: SweepSummary;
  /** Set when the scope failed; its cursor stays where the last stored page left it. */
  error?: string;
}

export interface SyncOptions {
  connectors: readonly Connector[];
  store: Store;
  log: Logger;
  runStartMs: number;
  signal: AbortSignal;
  /** Called after every stored page (progress display, metrics). */
  onPage?: (summary: ScopeSummary) => void;
  /** How often each system's scopes are swept for deletions. @default DEFAULT_SWEEP_EVERY_MS */
  sweepEveryMs?: Partial<Record<Source, number>>;
}

/**
 * Pulls every scope of every connector into the store. Systems run side by side (each has its own
 * rate lane), and so do several scopes of one system (scopesAtOnce): one scope's pages follow each
 * other, so a single scope would leave the lane idle during every round trip and every page stored. Each page commits with its own scope's cursor. A failing scope is reported and the others go
 * on; its cursor has only moved with pages that were stored. Summaries come in the order of the scopes.
 */
export async function syncAll(options: SyncOptions): Promise<ScopeSummary[]> {
  const perSystem = await Promise.all(
    options.connectors.map((connector) => syncConnector(connector, options)),
  );
  return perSystem.flat();
}

async function syncConnector(connector: Connector, options: SyncOptions): Promise<ScopeSummary[]> {
  const log = options.log.child({ system: connector.system, stage: 'sync' });
  let scopes: string[];
  try {
    scopes = await connector.scopes(options.signal);
  } catch (error) {
    log.error({ err: messageOf(error) }, 'could not list scopes');
    return [{ ...emptySummary(connector.system, '*'), error: messageOf(error) }];
  }
  const summaries: (ScopeSummary | undefined)[] = new Array<ScopeSummary | undefined>(scopes.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < scopes.length && !options.signal.aborted) {
      const index = next++;
      const scope = scopes[index] as string;
      const scopeLog = log.child({ scope });
      const { summary, fullPull } = await syncScope(connector, scope, options, scopeLog);
      if (!summary.error && !options.signal.aborted) {
        await sweepAfterPull(connector, summary, fullPull, options, scopeLog);
      }
      summaries[index] = summary;
    }
  };
  const workers = Math.max(1, Math.min(scopesAtOnce(connector), scopes.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return summaries.filter((s): s is ScopeSummary => s !== undefined);
}

/**
 * Twice the requests the connector's lane lets run at once: a scope has at most one request in flight
 * (its next page is asked for when the last one arrives), and between them it is busy normalizing and
 * storing, so with only as many scopes as lane slots the lane idles, and the last scopes of a system
 * run alone at the end while the rate would allow more. The lane still bounds the requests in flight.
 */
function scopesAtOnce(connector: Connector): number {
  return connector.concurrency === undefined ? 1 : 2 * connector.concurrency;
}

/**
 * Sweeps a scope whose pull went through when its sweep is due; a first (full) pull counts as one. A
 * failed sweep fails the scope (nothing was marked) and is tried again next cycle.
 */
async function sweepAfterPull(
  connector: Connector,
  summary: ScopeSummary,
  fullPull: boolean,
  options: SyncOptions,
  log: Logger,
): Promise<void> {
  const { store, runStartMs } = options;
  const { system } = connector;
  try {
    if (fullPull) {
      await recordFullPull(store, system, summary.scope, runStartMs, summary.items);
      return;
    }
    const everyMs = options.sweepEveryMs?.[system] ?? DEFAULT_SWEEP_EVERY_MS;
    if (!(await sweepDue(store, system, summary.scope, runStartMs, everyMs))) return;
    summary.sweep = await sweepScope(connector, summary.scope, {
      store,
      nowMs: runStartMs,
      signal: options.signal,
      log,
    });
  } catch (error) {
    summary.error = `deletion sweep failed, nothing was marked deleted (tried again next cycle): ${messageOf(error)}`;
    log.error({ err: messageOf(error) }, `deletion sweep of ${system} ${summary.scope} failed`);
  }
}

async function syncScope(
  connector: Connector,
  scope: string,
  options: SyncOptions,
  log: Logger,
): Promise<{ summary: ScopeSummary; fullPull: boolean }> {
  const summary = emptySummary(connector.system, scope);
  let fullPull = false;
  try {
    const cursor = await options.store.getCursor(connector.system, scope);
    fullPull = cursor === null;
    const pages = connector.pull(scope, { cursor, runStartMs: options.runStartMs, signal: options.signal });
    for await (const page of pages) {
      const result = await options.store.commitPage({
        system: connector.system,
        scope,
        items: page.items,
        quarantined: page.quarantined,
        cursor: page.cursor,
      });
      summary.pages++;
      summary.items += page.items.length;
      summary.inserted += result.inserted;
      summary.changed += result.changed;
      summary.unchanged += result.unchanged;
      summary.quarantined += page.quarantined.length;
      for (const q of page.quarantined) {
        log.warn(
          { record: q.recordRef, field: q.field },
          `quarantined ${q.recordRef}: ${q.field}: ${q.reason}`,
        );
      }
      options.onPage?.(summary);
      if (options.signal.aborted) break;
    }
    log.info({ ...summary }, `synced ${scope}: ${summary.items} items in ${summary.pages} pages`);
  } catch (error) {
    summary.error = messageOf(error);
    log.error(
      { err: summary.error },
      `sync of ${connector.system} ${scope} failed; its cursor stays at the last stored page`,
    );
  }
  return { summary, fullPull };
}

function emptySummary(system: string, scope: string): ScopeSummary {
  return { system, scope, pages: 0, items: 0, inserted: 0, changed: 0, unchanged: 0, quarantined: 0 };
}
