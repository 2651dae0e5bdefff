/**
 * What bearing reads from the Table API, and the check of it (zod; unknown keys pass). Records are
 * asked for with `sysparm_display_value=all` and `sysparm_exclude_reference_link=true`, so every
 * field is `{display_value, value}` (api-facts §6.2); a bare string (an empty reference, or a payload
 * stored from a `display_value=false` read) is accepted too. Values are always strings; empty is "".
 *
 * Why `all` rather than raw values plus look-ups: the names bearing needs (assignment group, business
 * service, catalog item, the parent's number) and the labels of choices (category) come in the same
 * call, and so do journals (comments and work notes read as "" without display values). Resolving
 * them separately would cost a call per 100 groups, services and parents, plus sys_choice reads an
 * integration account often may not make. The price is a page about twice as large, which the page
 * size keeps at a few MB. Times are read from `value` (UTC) only, never from the display value,
 * which is in the API user's time zone (§6.2).
 */
import { z } from 'zod';
import { formatServiceNowTime, parseServiceNowTime } from '../../core/time.js';
import type { TableDescriptor } from './tables.js';

/** One field: its raw value and what a person sees. */
export interface Cell {
  value: string;
  display: string;
}

const EMPTY: Cell = { value: '', display: '' };
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A field in any of the shapes §6.2 lists, as a Cell; absent or malformed means empty. Hand-written
 * rather than a zod union: it runs for every field of every record.
 */
function toCell(field: unknown): Cell {
  if (typeof field === 'string') return { value: field, display: field };
  if (typeof field === 'object' && field !== null) {
    const { value, display_value } = field as { value?: unknown; display_value?: unknown };
    return { value: str(value), display: str(display_value) };
  }
  return EMPTY;
}

/** A valid `YYYY-MM-DD HH:mm:ss` (UTC, §6.2), or undefined. */
export function serviceNowTimeOf(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined;
  const ms = parseServiceNowTime(value);
  // Date.UTC rolls 2026-02-30 over into March; a value that does not come back the same is no date.
  return formatServiceNowTime(ms) === value ? ms : undefined;
}

const valueThat = (check: (value: string) => boolean, message: (value: string) => string) =>
  z.string().superRefine((value, ctx) => {
    if (!check(value)) ctx.addIssue({ code: 'custom', message: message(value) });
  });

const required = valueThat(
  (v) => v.trim() !== '',
  () => 'is missing or empty',
);
const time = valueThat(
  (v) => serviceNowTimeOf(v) !== undefined,
  (v) => `expected a time "YYYY-MM-DD HH:mm:ss", got "${v}"`,
);
const optionalTime = valueThat(
  (v) => v === '' || serviceNowTimeOf(v) !== undefined,
  (v) => `expected empty or a time "YYYY-MM-DD HH:mm:ss", got "${v}"`,
);
const level = (max: number) =>
  valueThat(
    (v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max),
    (v) => `expected empty or an integer 1–${max}, got "${v}"`,
  );

/**
 * The check of a table's records: the columns bearing relies on must have the format it reads (a
 * record that fails is quarantined, naming the column); every other field is read leniently and
 * unknown ones are ignored. The zod schema runs on the columns' raw values, picked out first, which
 * keeps it cheap enough for every record of a full pull.
 */
export function recordValidator(descriptor: TableDescriptor) {
  const times = [
    ...descriptor.resolved,
    ...descriptor.effort,
    ...(descriptor.actualEffort ? [descriptor.actualEffort] : []),
  ];
  const schema = z.object({
    sys_id: required,
    number: required,
    sys_created_on: time,
    sys_updated_on: time,
    priority: level(5),
    impact: level(3),
    urgency: level(3),
    // Durations share the date-time form (§6.2: time since the epoch).
    ...Object.fromEntries(times.map((column) => [column, optionalTime])),
  });
  const columns = Object.keys(schema.shape);
  return (record: RawRecord) =>
    schema.safeParse(Object.fromEntries(columns.map((column) => [column, toCell(record[column]).value])));
}

/** A record of one of bearing's tables, as received: column → field. */
export type RawRecord = Record<string, unknown>;

/**
 * A user's columns as read dot-walked through a reference, with display values (department is a
 * reference): sys_id plus tables.ts PERSON_COLUMNS; read with `cellOf`.
 */
export type RawUser = Record<string, unknown>;

/**
 * What the connector stores as an item's raw payload: the record's own columns, and the users it
 * references (requester, assignee) as read through its dot-walked columns, so normalization can be
 * replayed without the API.
 */
export interface ServiceNowRaw {
  table: string;
  record: RawRecord;
  /** sys_id → sys_user record, for the users the record references that exist. */
  users: Record<string, RawUser>;
}

/** The field of a record, as a Cell. */
export const cellOf = (record: RawRecord, column: string): Cell => toCell(record[column]);
