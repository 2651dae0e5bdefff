import type { ItemWriter } from '../connectors/connector.js';
import type { Logger } from '../core/log.js';
import type { Clock } from '../core/time.js';
import type { Source } from '../model/index.js';
import type { Store } from '../store/store.js';
import {
  applyPlan,
  describeChange,
  planItem,
  type ApplySummary,
  type PlannedChange,
} from '../writeback/index.js';

export interface WriteBackOptions {
  store: Store;
  /** The analysis run whose scores are written. */
  runId: string;
  writers: Partial<Record<Source, ItemWriter>>;
  dryRun: boolean;
  clock: Clock;
  log: Logger;
  signal: AbortSignal;
}

export interface WriteBackSummary extends ApplySummary {
  unchanged: number;
  /** `item field: old → new` lines, for `--dry-run`. */
  preview: string[];
}

/**
 * Plans the writes of one analysis run (desired values against what each item holds now) and, unless
 * it is a dry run, applies them. Items marked deleted since the analysis (a deletion sweep found them
 * gone upstream) are skipped: a write could only fail, or land on an item out of scope.
 */
export async function writeBackAll(options: WriteBackOptions): Promise<WriteBackSummary> {
  const live = new Set<string>();
  for await (const item of options.store.iterateItems()) live.add(item.uid);
  const changes: PlannedChange[] = [];
  let unchanged = 0;
  for await (const { tag, score } of options.store.iterateScores(options.runId)) {
    if (!live.has(tag.uid)) continue;
    const item = await options.store.getItem(tag.uid);
    if (!item) continue;
    const last = await options.store.lastWritten(item.uid);
    const change = planItem({
      item,
      desired: { score: score.score, goal: tag.goal, flags: score.flags },
      lastWritten: last && { values: last.values, at: last.at },
    });
    if (change) changes.push(change);
    else unchanged++;
  }
  const preview = options.dryRun ? changes.flatMap(describeChange) : [];
  if (options.dryRun) {
    return { planned: changes.length, written: 0, failed: 0, restored: 0, errors: [], unchanged, preview };
  }
  const applied = await applyPlan({
    changes,
    writers: options.writers,
    store: options.store,
    runId: options.runId,
    clock: options.clock,
    log: options.log,
    signal: options.signal,
    // Writers group by value for bulk edits; the whole plan in one call keeps that grouping minimal.
    chunkSize: Math.max(1, changes.length),
  });
  options.log.info(
    { stage: 'writeback', ...applied, unchanged },
    `wrote ${applied.written} items, ${applied.failed} failed, ${unchanged} already up to date`,
  );
  return { ...applied, unchanged, preview };
}
