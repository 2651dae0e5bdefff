import type { ItemWriter } from '../connectors/connector.js';
import { errorKind, messageOf } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Source } from '../model/index.js';
import type { Store, WriteIntent } from '../store/store.js';
import { holdsValues, planItem, type PlanInput, type PlannedChange } from './plan.js';

export interface ConfirmOptions {
  /** The plan, each change with the input it was planned from. */
  planned: readonly { change: PlannedChange; input: PlanInput }[];
  writers: Partial<Record<Source, ItemWriter>>;
  store: Store;
  log: Logger;
  signal: AbortSignal;
}

export interface ConfirmResult {
  /** The plan once writes that had already landed are taken out. */
  changes: PlannedChange[];
  /** Items whose unrecorded write was found in place (now recorded). */
  confirmed: number;
  /** Items taken out of the plan because, read back, they hold their desired values already. */
  inPlace: number;
  /** Systems whose items could not be read; their changes wait for the next cycle. */
  errors: string[];
  /** A writer could not read back because `bearing setup` has not prepared its fields or columns. */
  setupNeeded: boolean;
}

/**
 * Write intents left unconfirmed mean a write was sent and its outcome never learned: the write-back
 * stopped before recording it (a crash, a kill), or the write failed without a definite answer (a
 * timeout, a reset, a 5xx: the HTTP layer does not send such a write again). Either may have landed.
 * Before writing such an item again, what it holds is read from the source itself — the pull may not
 * show it yet (a ServiceNow window ends `settleMs` before the run, a Jira search lags) — and a write
 * that is there is recorded instead of sent twice. Without
 * unconfirmed intents this costs nothing; with them, one read per 100 such items.
 */
export async function confirmUnrecordedWrites(options: ConfirmOptions): Promise<ConfirmResult> {
  const { store } = options;
  const intents = new Map((await store.listIntents()).map((i) => [i.uid, i]));
  const result: ConfirmResult = { changes: [], confirmed: 0, inPlace: 0, errors: [], setupNeeded: false };
  if (intents.size === 0) {
    result.changes = options.planned.map((p) => p.change);
    return result;
  }
  const plannedUids = new Set(options.planned.map((p) => p.change.item.uid));
  // An item with nothing to write holds its values as pulled: an unrecorded write that shows there
  // landed and is recorded now; other intents of such items are void.
  const stale: string[] = [];
  for (const intent of intents.values()) {
    if (plannedUids.has(intent.uid)) continue;
    const item = await store.getItem(intent.uid);
    if (item && holdsValues(item.held, intent.values)) {
      await store.recordWrite(intent);
      result.confirmed++;
    } else stale.push(intent.uid);
  }
  await store.clearIntents(stale);

  const bySystem = new Map<Source, { change: PlannedChange; input: PlanInput; intent: WriteIntent }[]>();
  for (const p of options.planned) {
    const intent = intents.get(p.change.item.uid);
    if (!intent) {
      result.changes.push(p.change);
      continue;
    }
    const list = bySystem.get(p.change.item.source) ?? [];
    list.push({ ...p, intent });
    bySystem.set(p.change.item.source, list);
  }
  for (const [system, pending] of bySystem) {
    const writer = options.writers[system];
    if (!writer) {
      result.changes.push(...pending.map((p) => p.change));
      continue;
    }
    let held;
    try {
      held = await writer.readHeld(
        pending.map((p) => p.change.item),
        options.signal,
      );
    } catch (error) {
      const message = `${system}: could not read back ${pending.length} item${pending.length === 1 ? '' : 's'} whose last write may have landed unrecorded, so they are not written this cycle: ${messageOf(error)}`;
      result.errors.push(message);
      if (errorKind(error) === 'config') result.setupNeeded = true;
      options.log.error({ system, stage: 'writeback', err: messageOf(error) }, message);
      continue;
    }
    for (const { change, input, intent } of pending) {
      const now = held.get(change.item.uid);
      if (now === undefined) {
        // Gone or unreadable: the write says which; its outcome is recorded as usual.
        result.changes.push(change);
        continue;
      }
      await store.updateHeld(change.item.uid, now);
      const again = planItem({ ...input, item: { ...input.item, held: now } });
      if (again) result.changes.push(again);
      else result.inPlace++;
      if (holdsValues(now, intent.values)) {
        await store.recordWrite(intent);
        result.confirmed++;
      } else if (!again) await store.clearIntents([intent.uid]);
    }
  }
  return result;
}
