/**
 * What bearing's three columns hold now on some records, read by sys_id rather than through the pull's
 * window, which leaves out records updated in the last `settleMs` (puller.ts): write-back asks this before
 * writing a record again whose earlier write may have landed without its record (a crash in between).
 * One Table API GET per table and 100 sys_ids (`sys_idIN…`), with only sys_id and bearing's columns.
 */
import type { HeldValues, WorkItem } from '../../model/index.js';
import { heldOf } from './normalize.js';
import { inQuery } from './query.js';
import { cellOf } from './raw.js';
import type { BearingColumns } from './tables.js';
import type { ServiceNowWire } from './wire.js';

/** 100 sys_ids keep the URL near 3.5 kB, well inside what proxies accept. */
const IDS_PER_CALL = 100;

export async function readHeldValues(
  wire: ServiceNowWire,
  columns: BearingColumns,
  tables: readonly string[],
  items: readonly WorkItem[],
): Promise<Map<string, HeldValues>> {
  const byTable = new Map<string, string[]>();
  for (const item of items) {
    if (item.source !== 'servicenow' || !tables.includes(item.scope) || !/^[A-Za-z0-9]+$/.test(item.id))
      continue;
    byTable.set(item.scope, [...(byTable.get(item.scope) ?? []), item.id]);
  }
  const reads: { table: string; ids: string[] }[] = [];
  for (const [table, ids] of byTable)
    for (let i = 0; i < ids.length; i += IDS_PER_CALL)
      reads.push({ table, ids: ids.slice(i, i + IDS_PER_CALL) });
  // Reads go out together; the lane keeps them within the configured rate and concurrency.
  const pages = await Promise.all(
    reads.map(({ table, ids }) =>
      wire.list(table, {
        query: inQuery('sys_id', ids),
        fields: ['sys_id', columns.score, columns.goal, columns.flags],
        displayValue: 'false',
        limit: ids.length,
      }),
    ),
  );
  const held = new Map<string, HeldValues>();
  for (const record of pages.flat()) {
    const sysId = cellOf(record, 'sys_id').value;
    if (sysId !== '') held.set(`servicenow:${sysId}`, heldOf(record, columns));
  }
  return held;
}
