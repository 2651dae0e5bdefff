import type { Config } from '../config/index.js';
import type { Connector, ItemWriter } from '../connectors/connector.js';
import type { Clock, Logger } from '../core/index.js';
import type { Source } from '../model/index.js';
import { syncAll, type ScopeSummary } from '../pipeline/sync.js';
import { writeBackAll, type WriteBackSummary } from '../pipeline/write-back.js';
import type { Store } from '../store/store.js';
import { planItem } from '../writeback/index.js';

/** What the stage jobs run on: one replica's session. */
export interface StageDeps {
  config: Config;
  store: Store;
  connectors: readonly Connector[];
  clock: Clock;
}

export interface SyncJob {
  runId: string;
  system: Source;
  scope: string;
  /** The cycle's start (epoch ms): the same window edge for every scope, on whichever replica. */
  runStartMs: number;
}

/** Pulls one scope, then sweeps it when due: the pipeline's sync over a connector narrowed to the scope. */
export async function syncOneScope(
  deps: StageDeps,
  job: SyncJob,
  ctx: { log: Logger; signal: AbortSignal; onPage?: (summary: ScopeSummary) => void },
): Promise<ScopeSummary> {
  const connector = deps.connectors.find((c) => c.system === job.system);
  if (!connector) throw new Error(`no ${job.system} connector configured on this replica`);
  const [summary] = await syncAll({
    connectors: [onlyScope(connector, job.scope)],
    store: deps.store,
    log: ctx.log,
    runStartMs: job.runStartMs,
    signal: ctx.signal,
    sweepEveryMs: { jira: deps.config.jira?.sweepEvery, servicenow: deps.config.servicenow?.sweepEvery },
    ...(ctx.onPage ? { onPage: ctx.onPage } : {}),
  });
  return (
    summary ?? {
      system: job.system,
      scope: job.scope,
      pages: 0,
      items: 0,
      inserted: 0,
      changed: 0,
      unchanged: 0,
      quarantined: 0,
    }
  );
}

/** The connector with its scope list narrowed to one scope (everything else is the connector's own). */
function onlyScope(connector: Connector, scope: string): Connector {
  const narrowed = Object.create(connector) as Connector & { scopes: Connector['scopes'] };
  narrowed.scopes = () => Promise.resolve([scope]);
  return narrowed;
}

/**
 * The live items of an analysis whose fields would change, in uid order and cut into batches. The
 * batch jobs plan each item again when they run, so a batch retried after a crash writes only what is
 * still missing.
 */
export async function planBatches(store: Store, analysisId: string, size: number): Promise<string[][]> {
  const live = new Set<string>();
  for await (const item of store.iterateItems()) live.add(item.uid);
  const uids: string[] = [];
  for await (const { tag, score } of store.iterateScores(analysisId)) {
    if (!live.has(tag.uid)) continue;
    const item = await store.getItem(tag.uid);
    if (!item) continue;
    const last = await store.lastWritten(item.uid);
    const change = planItem({
      item,
      desired: { score: score.score, goal: tag.goal, flags: score.flags },
      lastWritten: last && { values: last.values, at: last.at },
    });
    if (change) uids.push(item.uid);
  }
  const batches: string[][] = [];
  for (let i = 0; i < uids.length; i += size) batches.push(uids.slice(i, i + size));
  return batches;
}

/** Writes back one batch of an analysis through the pipeline's write-back, narrowed to the batch. */
export async function writeBackBatch(
  deps: StageDeps,
  job: { analysisId: string; uids: string[] },
  ctx: { log: Logger; signal: AbortSignal },
): Promise<WriteBackSummary> {
  const writers: Partial<Record<Source, ItemWriter>> = {};
  for (const c of deps.connectors) writers[c.system] = c.writer;
  return writeBackAll({
    store: onlyItems(deps.store, job.analysisId, job.uids),
    runId: job.analysisId,
    writers,
    dryRun: false,
    clock: deps.clock,
    log: ctx.log,
    signal: ctx.signal,
  });
}

/**
 * The store as write-back sees it for one batch: only the batch's items and their analysis, read by
 * uid instead of scanning every item and score (a batch is small; the store may hold millions).
 */
function onlyItems(store: Store, analysisId: string, uids: readonly string[]): Store {
  const view = Object.create(store) as Store & Pick<Store, 'iterateItems' | 'iterateScores'>;
  view.iterateItems = async function* () {
    for (const uid of uids) {
      const item = await store.getItem(uid);
      if (item) yield item;
    }
  };
  view.iterateScores = async function* (runId: string) {
    if (runId !== analysisId) return;
    for (const uid of uids) {
      const [tag, score] = await Promise.all([store.getTag(runId, uid), store.getScore(runId, uid)]);
      if (tag && score) yield { tag, score };
    }
  };
  return view;
}

/** Write-back summaries of several batches added up: every count summed, the errors joined. */
export function addWriteBacks(summaries: readonly WriteBackSummary[]): WriteBackSummary {
  const total: Record<string, unknown> = {
    planned: 0,
    written: 0,
    failed: 0,
    restored: 0,
    unchanged: 0,
    errors: [],
    preview: [],
  };
  for (const summary of summaries) {
    for (const [key, value] of Object.entries(summary)) {
      if (typeof value === 'number') total[key] = ((total[key] as number | undefined) ?? 0) + value;
    }
    (total.errors as string[]).push(...summary.errors);
    total.setupNeeded = total.setupNeeded === true || summary.setupNeeded;
  }
  return total as unknown as WriteBackSummary;
}
