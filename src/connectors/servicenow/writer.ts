/**
 * Write-back: bearing's columns onto records, only the ones that changed, by sys_id. One PATCH per
 * record (§6.4), or with `batch` many PATCHes per Batch API call (§10.1). Every answer is checked for
 * the values sent, because the Table API ignores an unknown column without an error (§6.4).
 *
 * One item's failure never stops the others: a 400, 403 or 404 fails that item. Two things fail many
 * items without a call: a table whose columns are missing (checked once per table before writing, the
 * message is the one `bearing setup` prints) and a 401 (the credentials, so nothing else can work).
 * A table whose first writes are all refused with 403 is not tried further in this call: its other
 * items fail with the same message, instead of spending one call each on the same ACL.
 */
import { errorKind, isBearingError, isRetryable, messageOf } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { ItemWriter, PlannedWrite, WriteOutcome } from '../connector.js';
import { bodyExcerpt } from '../../core/http-errors.js';
import { tableLines, type ColumnInspection } from './columns.js';
import { readHeldValues } from './held.js';
import { cellOf, type RawRecord } from './raw.js';
import type { BearingColumns } from './tables.js';
import type { BatchItemAnswer, ServiceNowWire } from './wire.js';

/** Items per Batch API call: PATCHes take tens to hundreds of ms each, well inside the 30 s quota (§10.1). */
const BATCH_SIZE = 50;
/** 403s on a table, with no success, after which its remaining items fail without a call. */
const DENIALS_BEFORE_GIVING_UP = 3;

export interface WriterOptions {
  wire: ServiceNowWire;
  columns: BearingColumns;
  /** The configured tables; writes to others are refused. */
  tables: readonly string[];
  batch: boolean;
  /** Requests kept in flight (the lane limits them further). */
  concurrency: number;
  inspect: (tables: readonly string[]) => Promise<ColumnInspection>;
  log: Logger;
}

interface Job {
  index: number;
  write: PlannedWrite;
  table: string;
  sysId: string;
  body: Record<string, unknown>;
  /** Column → the value the record must hold afterwards, as the API returns it (a string, §6.2). */
  expect: Record<string, string>;
}

const fail = (job: Job, reason: string, retry: boolean): WriteOutcome => ({
  uid: job.write.item.uid,
  ok: false,
  reason,
  retry,
});

export function createWriter(options: WriterOptions): ItemWriter {
  const { wire, columns, log } = options;
  /** Tables whose columns were found; checked again on every call until they are. */
  const ready = new Set<string>();
  let batchCount = 0;

  async function refusals(tables: readonly string[]): Promise<Map<string, string>> {
    const refused = new Map<string, string>();
    const unchecked = tables.filter((t) => !ready.has(t));
    if (!unchecked.length) return refused;
    const inspection = await options.inspect(unchecked);
    for (const t of inspection.tables) {
      if (t.state === 'ready') ready.add(t.table);
      // `unknown`: neither the dictionary nor a record could tell; the answers' check will.
      else if (t.state !== 'unknown') {
        const reason = `cannot write to ${t.table} until bearing setup reports it ready: ${tableLines(t).join(' ')}`;
        refused.set(t.table, reason);
        log.error({ table: t.table }, reason);
      }
    }
    return refused;
  }

  return {
    readHeld: (items) => readHeldValues(wire, columns, options.tables, items),

    async write(writes, signal) {
      const outcomes: WriteOutcome[] = new Array<WriteOutcome>(writes.length);
      const jobs: Job[] = [];
      writes.forEach((write, index) => {
        const table = write.item.scope;
        const job = toJob(index, write, columns);
        if (write.item.source !== 'servicenow' || !options.tables.includes(table)) {
          outcomes[index] = fail(
            job,
            `${write.item.ref} is not a record of a configured ServiceNow table`,
            false,
          );
        } else if (!Object.keys(job.body).length) {
          outcomes[index] = { uid: write.item.uid, ok: true };
        } else jobs.push(job);
      });
      const refused = await refusals([...new Set(jobs.map((j) => j.table))]);
      const state = runState(signal);
      const go: Job[] = [];
      for (const job of jobs) {
        const reason = refused.get(job.table);
        if (reason) outcomes[job.index] = fail(job, reason, false);
        else go.push(job);
      }
      const settle = (job: Job, outcome: WriteOutcome): void => {
        outcomes[job.index] = outcome;
        if (outcome.ok) state.succeeded.add(job.table);
      };
      if (options.batch) await writeBatches(go, settle, state);
      else {
        await pool(go, options.concurrency, async (job) => {
          const skip = state.skip(job);
          if (skip) return settle(job, skip);
          try {
            const result = await wire.patch(job.table, job.sysId, job.body, answerFields(job));
            settle(job, verify(job, result));
          } catch (error) {
            settle(job, state.failure(job, error));
          }
        });
      }
      return outcomes;
    },
  };

  async function writeBatches(
    jobs: readonly Job[],
    settle: (job: Job, outcome: WriteOutcome) => void,
    state: ReturnType<typeof runState>,
  ): Promise<void> {
    let pending = [...jobs];
    while (pending.length) {
      const unserviced: Job[] = [];
      const chunks: Job[][] = [];
      for (let i = 0; i < pending.length; i += BATCH_SIZE) chunks.push(pending.slice(i, i + BATCH_SIZE));
      await pool(chunks, options.concurrency, async (chunk) => {
        const send: Job[] = [];
        for (const job of chunk) {
          const skip = state.skip(job);
          if (skip) settle(job, skip);
          else send.push(job);
        }
        if (!send.length) return;
        const byId = new Map(send.map((job) => [String(job.index), job]));
        let answer;
        try {
          answer = await wire.batch(
            send.map((job) => ({
              id: String(job.index),
              table: job.table,
              sysId: job.sysId,
              body: job.body,
              fields: answerFields(job),
            })),
            `bearing-${++batchCount}`,
          );
        } catch (error) {
          for (const job of send) settle(job, state.failure(job, error));
          return;
        }
        for (const item of answer.serviced) {
          const job = byId.get(item.id);
          if (!job) continue;
          byId.delete(item.id);
          settle(job, item.status < 300 ? verifyBatchItem(job, item) : state.itemFailure(job, item));
        }
        for (const id of answer.unserviced) {
          const job = byId.get(id);
          if (job) unserviced.push(job);
          byId.delete(id);
        }
        // Items the answer does not mention at all did not run either.
        unserviced.push(...byId.values());
      });
      if (unserviced.length === pending.length) {
        // Not one item ran: sending the same batch again would not do better.
        for (const job of unserviced) {
          settle(
            job,
            fail(
              job,
              'the Batch API serviced none of these writes (its 30 s transaction quota, §10.1)',
              true,
            ),
          );
        }
        return;
      }
      pending = unserviced;
    }
  }

  function verifyBatchItem(job: Job, item: BatchItemAnswer): WriteOutcome {
    const result = (item.body as { result?: unknown } | undefined)?.result;
    if (typeof result !== 'object' || result === null) {
      return fail(
        job,
        `${job.write.item.ref}: the Batch API answered ${item.status} without the record`,
        true,
      );
    }
    return verify(job, result as RawRecord);
  }

  /**
   * One write() call's memory: which tables succeeded or keep refusing, and whether a 401 stopped it;
   * it decides whether an item is still sent and turns failures into outcomes.
   */
  function runState(signal: AbortSignal) {
    const succeeded = new Set<string>();
    const denied = new Map<string, { count: number; reason: string }>();
    let stopped: string | undefined;

    function classify(
      job: Job,
      status: number | undefined,
      message: string,
      transient: boolean,
    ): WriteOutcome {
      const ref = job.write.item.ref;
      if (status === 401) {
        // Credentials: every other write would fail the same way.
        if (stopped === undefined) {
          log.error(message);
          stopped = `not written: ${message}`;
        }
        return fail(job, message, true);
      }
      if (status === 403) {
        const denial = denied.get(job.table) ?? { count: 0, reason: message };
        denial.count++;
        denied.set(job.table, denial);
        // An admin can grant the role or ACL before the next cycle.
        return fail(job, `${ref}: ${message}`, true);
      }
      if (status === 404) {
        return fail(job, `${ref}: the record is gone, or an ACL hides it from bearing (${message})`, false);
      }
      return fail(job, `${ref}: ${message}`, transient);
    }

    return {
      succeeded,
      skip(job: Job): WriteOutcome | undefined {
        if (stopped !== undefined) return fail(job, stopped, true);
        if (signal.aborted) return fail(job, 'not written: write-back stopped (shutdown)', true);
        const denial = denied.get(job.table);
        if (denial && denial.count >= DENIALS_BEFORE_GIVING_UP && !succeeded.has(job.table)) {
          return fail(
            job,
            `not tried after ${denial.count} refusals on ${job.table}: ${denial.reason}`,
            true,
          );
        }
        return undefined;
      },
      failure(job: Job, error: unknown): WriteOutcome {
        const status = isBearingError(error) ? error.status : undefined;
        return classify(job, status, messageOf(error), isRetryable(error) || errorKind(error) === 'fatal');
      },
      itemFailure(job: Job, item: BatchItemAnswer): WriteOutcome {
        const path = `/api/now/table/${job.table}/${job.sysId}`;
        const detail = bodyExcerpt(item.body) || item.errorMessage || '';
        const hint = wire.hint(item.status, 'PATCH', path);
        const message = `servicenow: PATCH ${wire.baseUrl}${path} (in a batch) answered ${item.status}${
          detail ? `: ${detail}` : ''
        }${hint ? ` — ${hint}` : ''}`;
        return classify(
          job,
          item.status,
          message,
          item.status === 429 || item.status === 408 || item.status >= 500,
        );
      },
    };
  }

  function verify(job: Job, result: RawRecord): WriteOutcome {
    const ref = job.write.item.ref;
    for (const [column, wanted] of Object.entries(job.expect)) {
      if (!(column in result)) {
        return fail(
          job,
          `${ref}: ${job.table} has no column ${column} — ServiceNow ignores unknown columns on writes (api-facts §6.4), so nothing was written; run bearing setup`,
          false,
        );
      }
      const held = cellOf(result, column).value;
      if (held !== wanted) {
        return fail(
          job,
          `${ref}: wrote ${column} = "${wanted}" but the record holds "${held}" (a business rule, data policy or the column's length changed it)`,
          false,
        );
      }
    }
    return { uid: job.write.item.uid, ok: true };
  }
}

/** The request body (only the changed fields) and the values to find in the answer. */
function toJob(index: number, write: PlannedWrite, columns: BearingColumns): Job {
  const body: Record<string, unknown> = {};
  const expect: Record<string, string> = {};
  for (const field of new Set(write.fields)) {
    const value =
      field === 'score'
        ? write.values.score
        : field === 'goal'
          ? write.values.goal
          : write.values.flags.join(',');
    body[columns[field]] = value;
    expect[columns[field]] = String(value);
  }
  return { index, write, table: write.item.scope, sysId: write.item.id, body, expect };
}

/** Only the columns written (and sys_id) come back, to keep answers small. */
const answerFields = (job: Job): string[] => ['sys_id', ...Object.keys(job.expect)];

/** Runs `run` over items with at most `limit` at a time, without creating a promise per item up front. */
async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
