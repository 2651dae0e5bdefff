import type { ItemWriter } from '../connectors/connector.js';
import type { Logger } from '../core/log.js';
import type { Clock } from '../core/time.js';
import type { Source } from '../model/index.js';
import type { Store } from '../store/store.js';
import {
  applyPlan,
  confirmUnrecordedWrites,
  describeChange,
  planItem,
  type ApplySummary,
  type PlanInput,
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
  /** Writes found in place that a stopped write-back had sent but not recorded (now recorded, not resent). */
  confirmed: number;
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
  const planned: { change: PlannedChange; input: PlanInput }[] = [];
  let unchanged = 0;
  for await (const { tag, score } of options.store.iterateScores(options.runId)) {
    if (!live.has(tag.uid)) continue;
    const item = await options.store.getItem(tag.uid);
    if (!item) continue;
    const last = await options.store.lastWritten(item.uid);
    const input: PlanInput = {
      item,
      desired: { score: score.score, goal: tag.goal, flags: score.flags },
      lastWritten: last && { values: last.values, at: last.at },
    };
    const change = planItem(input);
    if (change) planned.push({ change, input });
    else unchanged++;
  }
  if (options.dryRun) {
    const changes = planned.map((p) => p.change);
    const preview = changes.flatMap(describeChange);
    return {
      planned: changes.length,
      written: 0,
      failed: 0,
      restored: 0,
      errors: [],
      setupNeeded: false,
      unchanged,
      confirmed: 0,
      preview,
    };
  }
  const { changes, confirmed, inPlace, errors, setupNeeded } = await confirmUnrecordedWrites({
    planned,
    writers: options.writers,
    store: options.store,
    log: options.log,
    signal: options.signal,
  });
  unchanged += inPlace;
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
  applied.errors.unshift(...errors);
  applied.setupNeeded ||= setupNeeded;
  options.log.info(
    { stage: 'writeback', ...applied, unchanged, confirmed },
    `wrote ${applied.written} items, ${applied.failed} failed, ${unchanged} already up to date` +
      (confirmed ? ` (${confirmed} of them written before a stop and recorded now)` : ''),
  );
  return { ...applied, unchanged, confirmed, preview: [] };
}
