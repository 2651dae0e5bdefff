import type { ItemWriter, PlannedWrite } from '../connectors/connector.js';
import { errorKind, messageOf } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { toIso, type Clock } from '../core/time.js';
import type { Source } from '../model/index.js';
import type { Store } from '../store/store.js';
import type { PlannedChange } from './plan.js';

export interface ApplySummary {
  planned: number;
  written: number;
  failed: number;
  /** Human overwrites that were put back. */
  restored: number;
  /** Systems whose writer could not run at all (message). */
  errors: string[];
  /** A writer could not run because `bearing setup` has not prepared its fields or columns. */
  setupNeeded: boolean;
}

export interface ApplyOptions {
  changes: readonly PlannedChange[];
  writers: Partial<Record<Source, ItemWriter>>;
  store: Store;
  runId: string;
  clock: Clock;
  log: Logger;
  signal: AbortSignal;
  /** Changes handed to a writer at once (it groups them further by value for bulk edits). */
  chunkSize?: number;
}

/**
 * Sends planned changes through each system's writer and records every outcome: a success in the
 * write audit (and as the item's held values), a failure with its reason, to be retried next cycle.
 * A failed write keeps its intent: one that got no definite answer may have landed, so the next cycle
 * reads the item back before writing it again (confirm.ts). One item's failure never stops the others.
 */
export async function applyPlan(options: ApplyOptions): Promise<ApplySummary> {
  const summary: ApplySummary = {
    planned: options.changes.length,
    written: 0,
    failed: 0,
    restored: 0,
    errors: [],
    setupNeeded: false,
  };
  const bySystem = new Map<Source, PlannedChange[]>();
  for (const change of options.changes) {
    const list = bySystem.get(change.item.source) ?? [];
    list.push(change);
    bySystem.set(change.item.source, list);
  }
  const chunkSize = options.chunkSize ?? 5000;
  await Promise.all(
    [...bySystem].map(async ([system, changes]) => {
      const writer = options.writers[system];
      const log = options.log.child({ system, stage: 'writeback' });
      if (!writer) {
        summary.errors.push(`${system}: no writer configured`);
        return;
      }
      for (let i = 0; i < changes.length && !options.signal.aborted; i += chunkSize) {
        const chunk = changes.slice(i, i + chunkSize);
        const byUid = new Map(chunk.map((c) => [c.item.uid, c]));
        const writes: PlannedWrite[] = chunk.map((c) => ({
          item: c.item,
          values: c.values,
          fields: c.fields,
        }));
        let outcomes;
        try {
          // Write-ahead: a crash before the outcomes are recorded leaves these for the next write-back.
          const at = toIso(options.clock.now());
          await options.store.recordIntents(
            chunk.map((c) => ({ uid: c.item.uid, values: c.values, runId: options.runId, at })),
          );
          outcomes = await writer.write(writes, options.signal);
        } catch (error) {
          summary.errors.push(`${system}: ${messageOf(error)}`);
          // Configuration problems found at write time are the ones only `bearing setup` fixes.
          if (errorKind(error) === 'config') summary.setupNeeded = true;
          log.error({ err: messageOf(error) }, 'write-back stopped');
          return;
        }
        for (const outcome of outcomes) {
          const change = byUid.get(outcome.uid);
          if (!change) continue;
          const at = toIso(options.clock.now());
          if (outcome.ok) {
            await options.store.recordWrite({
              uid: outcome.uid,
              values: change.values,
              runId: options.runId,
              at,
            });
            await options.store.updateHeld(outcome.uid, {
              score: change.values.score,
              goal: change.values.goal,
              flags: change.values.flags,
            });
            summary.written++;
            if (change.restoresOverwrite) summary.restored++;
          } else {
            await options.store.recordWriteFailure({
              uid: outcome.uid,
              runId: options.runId,
              reason: outcome.reason,
              at,
            });
            log.warn({ item: change.item.ref }, `write to ${change.item.ref} failed: ${outcome.reason}`);
            summary.failed++;
          }
        }
      }
    }),
  );
  return summary;
}
