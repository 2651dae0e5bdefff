/**
 * The puller: one table's changed records since its cursor, as pages, each with the cursor after it
 * (the pipeline stores page and cursor in one transaction).
 *
 * Window: half-open on sys_updated_on, `[cursor, runStart − settle)`. A first run (no cursor) has no
 * lower edge: a full pull. Pages are read by KEYSET on (sys_updated_on, sys_id), never by a growing
 * `sysparm_offset`, which skips or repeats rows when records change during the walk (§6.1, §10).
 *
 * Records changed while the run walks get a sys_updated_on at or after the run's start, so they fall
 * outside this run's window: a record already read is not read again, a record not yet read is not
 * skipped for good either — its old position lies after the cursor, so the next run reads its new
 * version. Keyset positions never shift, so edits cannot make the walk skip the records behind them.
 * The upper edge sits `settleMs` before the run's start, so that a record stamped just before the
 * start but committed later, or stamped by an instance clock a little behind bearing's, waits for the
 * next run instead of being missed (or read twice) in this one.
 *
 * Each request asks for one row more than a page: that row says whether another page follows, so a
 * table of N records takes ceil(N / pageSize) calls, and a run with nothing changed takes one. The
 * users normalization needs (requester, assignee) come in the same rows, dot-walked through their
 * references (tables.ts), so those are all the calls a pull makes. The next page is read while the
 * current one is being finished (normalizing, the store).
 */
import { BearingError } from '../../core/errors.js';
import { formatServiceNowTime, serviceNowTimeOf } from '../../core/time.js';
import type { Cursor } from '../../store/store.js';
import type { PullContext, PulledPage } from '../connector.js';
import type { Normalized } from './normalize.js';
import { windowQuery, type KeysetPosition } from './query.js';
import { cellValue, compactCell, valueOf, type RawRecord, type RawUser, type ServiceNowRaw } from './raw.js';
import { PERSON_COLUMNS, personColumnsOf, type TableDescriptor } from './tables.js';
import type { ServiceNowWire } from './wire.js';

export interface PullerOptions {
  wire: ServiceNowWire;
  normalize: (raw: ServiceNowRaw) => Normalized;
  /** `sysparm_fields` per table. */
  fieldsOf: (descriptor: TableDescriptor) => readonly string[];
  pageSize: number;
  /** The checked configuration query. */
  extraQuery: string | undefined;
  settleMs: number;
}

/** The keyset position a stored cursor stands for; null for a first (full) pull. */
function positionOf(cursor: Cursor | null): KeysetPosition | null {
  if (cursor === null) return null;
  return { updatedOn: formatServiceNowTime(cursor.updatedMs), sysId: cursor.lastId };
}

/** Orders positions as the server does: by the raw strings, which for these formats is chronological. */
function compare(a: KeysetPosition, b: KeysetPosition): number {
  if (a.updatedOn !== b.updatedOn) return a.updatedOn < b.updatedOn ? -1 : 1;
  const x = a.sysId ?? '';
  const y = b.sysId ?? '';
  return x === y ? 0 : x < y ? -1 : 1;
}

export async function* pullTable(
  options: PullerOptions,
  descriptor: TableDescriptor,
  context: PullContext,
): AsyncGenerator<PulledPage> {
  const { wire, pageSize } = options;
  const table = descriptor.table;
  const fields = options.fieldsOf(descriptor);
  const before = formatServiceNowTime(context.runStartMs - options.settleMs);
  let after = positionOf(context.cursor);
  const read = (from: KeysetPosition | null): Promise<RawRecord[]> =>
    wire.list(table, {
      query: windowQuery({ after: from, before, extra: options.extraQuery }),
      fields,
      displayValue: 'all',
      limit: pageSize + 1,
    });
  if (context.signal.aborted) return;
  let rows = await read(after);
  for (;;) {
    const page = rows.slice(0, pageSize);
    if (page.length === 0) return;
    const last = keyOf(page[page.length - 1] as RawRecord);
    if (!last || (after && compare(last.position, after) <= 0)) {
      // The instance ignored part of the query (§6.1: invalid parts are dropped silently) or answered
      // out of order; going on could loop over the same rows for ever.
      throw new BearingError(
        'fatal',
        `servicenow: ${table} answered a page that does not advance past ${after?.updatedOn ?? 'the start'} ` +
          `(${last ? `last row at ${last.position.updatedOn}` : 'last row without sys_updated_on or sys_id'}); stopping this table`,
      );
    }
    // The next page is asked for while this one is normalized and the pipeline stores it: its keyset
    // position is known already, and reading ahead never moves the cursor.
    const next = rows.length > pageSize && !context.signal.aborted ? read(last.position) : undefined;
    // Awaited below; this only keeps a read-ahead the consumer abandons from an unhandled rejection.
    next?.catch(() => undefined);
    yield toPage(options, descriptor, page, last.cursor);
    if (!next) return;
    after = last.position;
    rows = await next;
  }
}

/** The keyset position and stored cursor of a record, from its raw sys_updated_on and sys_id. */
function keyOf(record: RawRecord): { position: KeysetPosition; cursor: Cursor } | undefined {
  const updatedOn = valueOf(record, 'sys_updated_on');
  const sysId = valueOf(record, 'sys_id');
  const ms = serviceNowTimeOf(updatedOn);
  if (ms === undefined || sysId === '') return undefined;
  return { position: { updatedOn, sysId }, cursor: { updatedMs: ms, lastId: sysId } };
}

function toPage(
  options: PullerOptions,
  descriptor: TableDescriptor,
  page: readonly RawRecord[],
  cursor: Cursor,
): PulledPage {
  const walks = walksOf(descriptor);
  const result: PulledPage = { items: [], quarantined: [], cursor };
  for (const record of page) {
    const raw: ServiceNowRaw = { table: descriptor.table, record, users: usersOf(descriptor, walks, record) };
    compactFields(record);
    const normalized = options.normalize(raw);
    if (normalized.ok) result.items.push({ item: normalized.item, raw });
    else result.quarantined.push(normalized.quarantine);
  }
  return result;
}

/** Stores each field of the record in its compact shape (compactCell): a third smaller as raw payload. */
function compactFields(record: RawRecord): void {
  for (const column in record) {
    const field = record[column];
    if (field !== undefined) record[column] = compactCell(field);
  }
}

/** Per user reference of a table: the user columns read dot-walked through it, and their paths. */
type Walks = ReadonlyMap<string, readonly (readonly [column: string, path: string])[]>;

const walksOf = (descriptor: TableDescriptor): Walks =>
  new Map(
    personColumnsOf(descriptor).map((reference) => [
      reference,
      PERSON_COLUMNS.map((column) => [column, `${reference}.${column}`] as const),
    ]),
  );

/**
 * The users normalization reads — the requester (the first requester column that is set) and the
 * assignee — from the columns dot-walked through their references (`caller_id.email`), in the shape
 * of a sys_user record. Those columns are taken out of the record (the raw payload keeps them once,
 * under users). A reference whose user cannot be read (deleted, hidden by an ACL) walks to nothing and
 * is left out. Each column is read once: the records of five tables make every access a slow one.
 */
function usersOf(descriptor: TableDescriptor, walks: Walks, record: RawRecord): Record<string, RawUser> {
  const requester = descriptor.requester.find((column) => valueOf(record, column) !== '');
  // Keyed by sys_ids, which differ from record to record: a plain object would get a hidden class per
  // combination of them (costly to make and to keep); one without a prototype is a dictionary from the
  // start, and JSON writes it the same.
  const users: Record<string, RawUser> = Object.create(null) as Record<string, RawUser>;
  if (requester !== undefined) addUser(users, record, requester, walks);
  addUser(users, record, 'assigned_to', walks);
  // Set to undefined rather than deleted: JSON leaves them out all the same, and deleting properties
  // turns the record into a dictionary object that is slower to read and to serialise.
  for (const paths of walks.values())
    for (const [, path] of paths) if (record[path] !== undefined) record[path] = undefined;
  return users;
}

function addUser(users: Record<string, RawUser>, record: RawRecord, reference: string, walks: Walks): void {
  const id = valueOf(record, reference);
  if (id === '' || id in users) return;
  const user: RawUser = { sys_id: id };
  let found = false;
  for (const [column, path] of walks.get(reference) ?? []) {
    const field = record[path];
    if (field === undefined) continue;
    user[column] = compactCell(field);
    found ||= cellValue(field) !== '';
  }
  if (found) users[id] = user;
}
