/**
 * Writes bearing's three fields, and only those.
 *
 * Cloud: bulk edit (api-facts §10.1). Writes are grouped per field and value — every issue whose score
 * becomes 80 in one request, up to 1,000 issues — so a full write-back costs Σ over fields and values of
 * ceil(issues / 1,000) submissions instead of one PUT per issue. Up to `maxBulkTasksInFlight` tasks run at
 * once (the site allows about 5 concurrent bulk operations, §10.1), the biggest first; a slot submits its
 * next chunk as soon as its task is done, and each task is polled about when it should end
 * (bulk-timing.ts), so a task costs about one poll.
 * - `sendBulkNotification: false` needs Administer Jira or Administer Projects; refused (403), bearing
 *   writes with notifications from then on and says so once.
 * - Without the *Make bulk changes* permission (403) bearing falls back to PUT per issue.
 *
 * Data Center, and the Cloud fallback: `PUT /issue/{id}?notifyUsers=false` with the item's fields; a 403
 * for the notification flag is answered the same way as above.
 *
 * One item's failure never stops the others; a 400 names the field and the fix.
 */
import { errorKind, messageOf, type BearingError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { DesiredValues } from '../../model/index.js';
import type { ItemWriter, PlannedWrite, WriteOutcome } from '../connector.js';
import { BulkTaskTiming, type BulkPolling } from './bulk-timing.js';
import { FIELD_SPECS, type BearingField, type FieldNames } from './fields.js';
import { readHeldValues } from './held.js';
import type { AnyWire, BulkFieldEdit, CloudWire } from './wire/types.js';

/** §10.1: at most 1,000 issues per bulk edit. */
const BULK_MAX_ISSUES = 1000;
const DONE = new Set(['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD']);

export type { BulkPolling } from './bulk-timing.js';

export interface WriterOptions {
  wire: () => Promise<AnyWire>;
  /** bearing's field ids; a config error when `bearing setup` has not run. */
  fieldIds: () => Promise<Record<BearingField, string>>;
  names: FieldNames;
  log: Logger;
  polling: BulkPolling;
  maxBulkTasksInFlight: number;
  /** Single edits in flight at once (the lane limits the rate). */
  putConcurrency: number;
}

/** Outcomes gathered per item across its fields. */
class Outcomes {
  private readonly failures = new Map<string, { reasons: string[]; retry: boolean }>();

  fail(uid: string, reason: string, retry: boolean): void {
    const entry = this.failures.get(uid) ?? { reasons: [], retry: false };
    entry.reasons.push(reason);
    entry.retry ||= retry;
    this.failures.set(uid, entry);
  }

  list(writes: readonly PlannedWrite[]): WriteOutcome[] {
    return writes.map((w) => {
      const failure = this.failures.get(w.item.uid);
      return failure
        ? { uid: w.item.uid, ok: false, reason: failure.reasons.join('; '), retry: failure.retry }
        : { uid: w.item.uid, ok: true };
    });
  }
}

interface Chunk {
  field: BearingField;
  edit: BulkFieldEdit;
  writes: PlannedWrite[];
}

const flagsKey = (flags: readonly string[]): string => [...new Set(flags)].sort().join(',');

/**
 * Bulk edits per field and value, at most 1,000 issues each, biggest first: on a site whose tasks take
 * longer the more issues they hold, the long ones then overlap and the short ones fill the gaps.
 */
function bulkChunks(writes: readonly PlannedWrite[], ids: Record<BearingField, string>): Chunk[] {
  const groups = new Map<string, Chunk>();
  for (const write of writes) {
    for (const field of write.fields) {
      const { key, edit } = editFor(field, write.values, ids[field]);
      const group = groups.get(key) ?? { field, edit, writes: [] };
      group.writes.push(write);
      groups.set(key, group);
    }
  }
  const chunks: Chunk[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.writes.length; i += BULK_MAX_ISSUES) {
      chunks.push({ ...group, writes: group.writes.slice(i, i + BULK_MAX_ISSUES) });
    }
  }
  return chunks.sort((a, b) => b.writes.length - a.writes.length);
}

function editFor(
  field: BearingField,
  values: DesiredValues,
  fieldId: string,
): { key: string; edit: BulkFieldEdit } {
  switch (field) {
    case 'score':
      return { key: `score:${values.score}`, edit: { kind: 'number', fieldId, value: values.score } };
    case 'goal':
      return { key: `goal:${values.goal}`, edit: { kind: 'text', fieldId, text: values.goal } };
    case 'flags': {
      const labels = flagsKey(values.flags);
      return {
        key: `flags:${labels}`,
        edit: { kind: 'labels', fieldId, labels: labels ? labels.split(',') : [] },
      };
    }
  }
}

/** A PUT body for the item's fields (§3.1: labels via `fields` replace the whole list). */
function putFields(
  write: PlannedWrite,
  fields: readonly BearingField[],
  ids: Record<BearingField, string>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field === 'flags') body[ids.flags] = [...new Set(write.values.flags)].sort();
    else body[ids[field]] = write.values[field];
  }
  return body;
}

const refusesNotification = (error: unknown): boolean =>
  errorKind(error) === 'auth' && /notif/i.test(messageOf(error));

/** A 401: the credentials are wrong for every issue, so the whole write stops (and says so once). */
const unauthenticated = (error: unknown): boolean => (error as BearingError).status === 401;

export function createWriter(options: WriterOptions): ItemWriter {
  let notify = false;
  let bulkAllowed = true;
  const timing = new BulkTaskTiming(options.polling);

  const describe = (
    error: unknown,
    fields: readonly BearingField[],
    ids: Record<BearingField, string>,
    what: string,
  ): { reason: string; retry: boolean } => {
    const message = messageOf(error);
    const status = (error as BearingError).status;
    if (status === 400) {
      const named = fields.filter((f) => message.includes(ids[f]));
      const culprits = named.length > 0 ? named : [...fields];
      const list = culprits.map((f) => `"${options.names[f]}" (${ids[f]})`).join(', ');
      const fix = /screen|cannot be set/i.test(message)
        ? `add ${list} to the edit screen of the issue's project (bearing setup says where it is)`
        : `check that ${list} ${culprits.length > 1 ? 'are' : 'is'} the ${culprits.map((f) => FIELD_SPECS[f].label).join(' / ')} bearing setup found, editable by the bearing account`;
      // The admin fixes it; the next cycle tries again.
      return { reason: `Jira refused to set ${list} on ${what}: ${message} — ${fix}`, retry: true };
    }
    if (errorKind(error) === 'notFound') return { reason: `${what}: ${message}`, retry: false };
    if (errorKind(error) === 'auth') {
      return { reason: `the bearing account may not edit ${what}: ${message}`, retry: true };
    }
    return { reason: `${what}: ${message}`, retry: true };
  };

  const refuseNotificationsOnce = (how: string): void => {
    if (notify) return;
    notify = true;
    options.log.warn(
      `jira: the bearing account may not turn off notifications for ${how} (needs Administer Jira or Administer Projects); bearing's edits now notify watchers`,
    );
  };

  /** One PUT per item with the fields it still needs. */
  async function writeSingly(
    wire: AnyWire,
    todo: readonly { write: PlannedWrite; fields: BearingField[] }[],
    ids: Record<BearingField, string>,
    outcomes: Outcomes,
    signal: AbortSignal,
  ): Promise<void> {
    let next = 0;
    let fatal: unknown;
    const worker = async (): Promise<void> => {
      while (next < todo.length && !signal.aborted && fatal === undefined) {
        const { write, fields } = todo[next++] as { write: PlannedWrite; fields: BearingField[] };
        const body = putFields(write, fields, ids);
        try {
          // Other edits run alongside: what this one asked for decides whether to ask again.
          const muted = !notify;
          try {
            await wire.editIssue(write.item.id, body, !muted);
          } catch (error) {
            if (!muted || !refusesNotification(error)) throw error;
            refuseNotificationsOnce('single edits');
            await wire.editIssue(write.item.id, body, true);
          }
        } catch (error) {
          if (unauthenticated(error)) {
            fatal ??= error;
            return;
          }
          const { reason, retry } = describe(error, fields, ids, write.item.ref);
          outcomes.fail(write.item.uid, reason, retry);
        }
      }
      if (signal.aborted) {
        while (next < todo.length) {
          const { write } = todo[next++] as { write: PlannedWrite };
          outcomes.fail(write.item.uid, 'stopped before it was written (shutdown)', true);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.putConcurrency) }, worker));
    if (fatal !== undefined) throw fatal;
  }

  /**
   * Bulk edits, `maxBulkTasksInFlight` at once: each slot submits a chunk, follows its task to the end and
   * takes the next, so submissions and polls of different tasks overlap. Returns the writes bulk could not
   * take (no permission).
   */
  async function writeInBulk(
    wire: CloudWire,
    chunks: Chunk[],
    ids: Record<BearingField, string>,
    outcomes: Outcomes,
    signal: AbortSignal,
  ): Promise<Chunk[]> {
    const queue = [...chunks];
    const refused: Chunk[] = [];
    let fatal: unknown;
    const stopped = (chunk: Chunk): void => {
      for (const write of chunk.writes)
        outcomes.fail(write.item.uid, 'stopped before it was written (shutdown)', true);
    };

    /** The task id, or undefined when the chunk failed (recorded) or bulk edits are refused. */
    const submit = async (chunk: Chunk): Promise<string | undefined> => {
      const issueIds = chunk.writes.map((w) => w.item.id);
      try {
        const muted = !notify;
        try {
          return await wire.submitBulkEdit(issueIds, chunk.edit, !muted);
        } catch (error) {
          if (!muted || !refusesNotification(error)) throw error;
          refuseNotificationsOnce('bulk edits');
          return await wire.submitBulkEdit(issueIds, chunk.edit, true);
        }
      } catch (error) {
        if (unauthenticated(error)) throw error;
        if (errorKind(error) === 'auth') {
          // No Make bulk changes permission (§10.1): this chunk and the rest go issue by issue.
          if (bulkAllowed) {
            options.log.warn(
              `jira: the bearing account may not make bulk changes (${messageOf(error)}); writing issue by issue, which costs one call per issue`,
            );
          }
          bulkAllowed = false;
          refused.push(chunk, ...queue.splice(0));
          return undefined;
        }
        for (const write of chunk.writes) {
          const { reason, retry } = describe(error, [chunk.field], ids, `${write.item.ref} (bulk edit)`);
          outcomes.fail(write.item.uid, reason, retry);
        }
        return undefined;
      }
    };

    /** Polls a task until it ends, and records what it did. */
    const follow = async (chunk: Chunk, taskId: string): Promise<void> => {
      const polls = timing.task(chunk.writes.length);
      let delay = polls.first;
      let progress;
      for (;;) {
        await sleep(delay, signal);
        if (signal.aborted) return stopped(chunk);
        try {
          progress = await wire.bulkProgress(taskId);
        } catch (error) {
          for (const write of chunk.writes) {
            outcomes.fail(
              write.item.uid,
              `${write.item.ref}: could not follow bulk edit ${taskId}: ${messageOf(error)}`,
              true,
            );
          }
          return;
        }
        if (DONE.has(progress.status)) break;
        delay = polls.next(progress);
      }
      polls.done(progress);
      const processed = new Set(progress.processed);
      for (const write of chunk.writes) {
        if (processed.has(write.item.id)) continue;
        const reasons = progress.failed[write.item.id];
        const what = `"${options.names[chunk.field]}" on ${write.item.ref}`;
        if (reasons) outcomes.fail(write.item.uid, `Jira did not set ${what}: ${reasons.join('; ')}`, true);
        else if (progress.status === 'COMPLETE') {
          outcomes.fail(
            write.item.uid,
            `Jira did not set ${what}: the issue is gone or not visible to the bearing account`,
            false,
          );
        } else
          outcomes.fail(
            write.item.uid,
            `bulk edit ${taskId} ended ${progress.status} before setting ${what}`,
            true,
          );
      }
    };

    const slot = async (): Promise<void> => {
      while (bulkAllowed && queue.length > 0 && !signal.aborted && fatal === undefined) {
        const chunk = queue.shift() as Chunk;
        let taskId: string | undefined;
        try {
          taskId = await submit(chunk);
        } catch (error) {
          fatal ??= error;
          return;
        }
        if (taskId !== undefined) await follow(chunk, taskId);
      }
    };
    // The first submission goes alone: a refused permission (bulk changes, muting notifications) is then
    // found once, not by every slot at the same time.
    const probe = queue.shift();
    if (probe === undefined) return refused;
    const probeTask = await submit(probe);
    await Promise.all([
      (probeTask === undefined ? Promise.resolve() : follow(probe, probeTask)).then(slot),
      ...Array.from({ length: Math.max(0, options.maxBulkTasksInFlight - 1) }, slot),
    ]);
    if (fatal !== undefined) throw fatal;
    if (bulkAllowed) for (const chunk of queue) stopped(chunk);
    return refused;
  }

  return {
    async write(writes, signal) {
      const outcomes = new Outcomes();
      if (writes.length === 0) return [];
      const ids = await options.fieldIds();
      const wire = await options.wire();
      let single: { write: PlannedWrite; fields: BearingField[] }[];
      if (wire.deployment === 'cloud' && bulkAllowed) {
        const refused = await writeInBulk(wire, bulkChunks(writes, ids), ids, outcomes, signal);
        const byUid = new Map<string, { write: PlannedWrite; fields: BearingField[] }>();
        for (const chunk of refused) {
          for (const write of chunk.writes) {
            const entry = byUid.get(write.item.uid) ?? { write, fields: [] };
            entry.fields.push(chunk.field);
            byUid.set(write.item.uid, entry);
          }
        }
        single = [...byUid.values()];
      } else {
        single = writes
          .filter((w) => w.fields.length > 0)
          .map((write) => ({ write, fields: [...write.fields] }));
      }
      if (single.length > 0) await writeSingly(wire, single, ids, outcomes, signal);
      return outcomes.list(writes);
    },

    async readHeld(items) {
      if (items.length === 0) return new Map();
      return readHeldValues(await options.wire(), await options.fieldIds(), items);
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
