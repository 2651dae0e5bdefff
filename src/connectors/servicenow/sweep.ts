/**
 * The listing of a deletion sweep: the sys_ids of every record of a table in scope now. Deletions never
 * show in a `sys_updated_on` window (§10), so the pipeline compares this listing with what it stores, now
 * and then.
 *
 * `sysparm_fields=sys_id` pages of 10,000 (the platform's default page, §6.1; rows of one short column stay
 * far from the 60 s transaction cut-off), walked by keyset on sys_id like the pull walks
 * (sys_updated_on, sys_id). The walk ends on an empty page rather than a short one: an instance may cap
 * `sysparm_limit` silently, and a short page taken for the last would leave records out. So a table of N
 * records costs ceil(N / 10,000) + 1 calls.
 *
 * Anything short of a complete listing throws, so the pipeline never marks anything on a part.
 */
import { BearingError } from '../../core/errors.js';
import { sweepQuery } from './query.js';
import { cellOf } from './raw.js';
import type { ServiceNowWire } from './wire.js';

export const SWEEP_PAGE = 10_000;

export async function* listTableIds(
  wire: ServiceNowWire,
  table: string,
  extraQuery: string | undefined,
  signal: AbortSignal,
): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    if (signal.aborted) throw new BearingError('fatal', 'servicenow: deletion sweep stopped (shutdown)');
    const rows = await wire.list(table, {
      query: sweepQuery(after, extraQuery),
      fields: ['sys_id'],
      displayValue: 'false',
      limit: SWEEP_PAGE,
    });
    if (rows.length === 0) return;
    const ids = rows.map((row) => cellOf(row, 'sys_id').value);
    const last = ids[ids.length - 1] as string;
    if (ids.includes('') || (after !== null && last <= after)) {
      // §6.1: an instance drops query parts it cannot read; going on could loop or list a part.
      throw new BearingError(
        'invalidData',
        `servicenow: an ids-only page of ${table} ${ids.includes('') ? 'has a record without sys_id' : `does not advance past sys_id ${after}`}; the deletion sweep marks nothing`,
      );
    }
    yield ids;
    after = last;
  }
}
