/**
 * What bearing reads from the Table API, and the check of it (zod; unknown keys pass). Records are
 * asked for with `sysparm_display_value=all` and `sysparm_exclude_reference_link=true`, so every
 * field is `{display_value, value}` (api-facts §6.2); a bare string (an empty reference, or a field
 * whose display is its value, as the raw payload stores it: compactCell) is accepted too and reads
 * as both. Values are always strings; empty is "".
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
import { serviceNowTimeOf } from '../../core/time.js';
import type { TableDescriptor } from './tables.js';

/** One field: its raw value and what a person sees. */
export interface Cell {
  value: string;
  display: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/*
 * A field comes in any of the shapes §6.2 lists; absent or malformed reads as empty. Hand-written
 * rather than a zod union, and without building a Cell: they run for every field of every record.
 */

/** The raw value of a field. */
export function cellValue(field: unknown): string {
  if (typeof field === 'string') return field;
  return typeof field === 'object' && field !== null ? str((field as { value?: unknown }).value) : '';
}

/**
 * A field whose display value is its value, as the bare value: the shape a `display_value=false`
 * read gives, which cellValue and displayOf read the same way. Descriptions, numbers, names and
 * e-mail addresses otherwise come twice. A field with anything more (a reference link) stays as it
 * came.
 */
export function compactCell(field: unknown): unknown {
  if (typeof field !== 'object' || field === null) return field;
  const { display_value: display, value } = field as { display_value?: unknown; value?: unknown };
  return typeof value === 'string' && display === value && !('link' in field) ? value : field;
}

/** The raw value of a record's field. */
export const valueOf = (record: RawRecord, column: string): string => cellValue(record[column]);

/** What a person sees in a record's field. */
export function displayOf(record: RawRecord, column: string): string {
  const field = record[column];
  if (typeof field === 'string') return field;
  return typeof field === 'object' && field !== null
    ? str((field as { display_value?: unknown }).display_value)
    : '';
}

/** What a column's raw value must be, and what to say when it is not. */
interface Rule {
  check: (value: string) => boolean;
  message: (value: string) => string;
}

const valueThat = ({ check, message }: Rule) =>
  z.string().superRefine((value, ctx) => {
    if (!check(value)) ctx.addIssue({ code: 'custom', message: message(value) });
  });

const required: Rule = {
  check: (v) => v.trim() !== '',
  message: () => 'is missing or empty',
};
const time: Rule = {
  check: (v) => serviceNowTimeOf(v) !== undefined,
  message: (v) => `expected a time "YYYY-MM-DD HH:mm:ss", got "${v}"`,
};
const optionalTime: Rule = {
  check: (v) => v === '' || serviceNowTimeOf(v) !== undefined,
  message: (v) => `expected empty or a time "YYYY-MM-DD HH:mm:ss", got "${v}"`,
};
const level = (max: number): Rule => ({
  check: (v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max),
  message: (v) => `expected empty or an integer 1–${max}, got "${v}"`,
});

const PASSED = { success: true } as const;

/**
 * The check of a table's records: the columns bearing relies on must have the format it reads (a
 * record that fails is quarantined, naming the column); every other field is read leniently and
 * unknown ones are ignored. The rules run on the columns' raw values first, without building
 * anything, which keeps a full pull cheap; only a record that fails goes through the zod schema made
 * of the same rules, which names every column that is wrong.
 */
export function recordValidator(descriptor: TableDescriptor) {
  const times = [
    ...descriptor.resolved,
    ...descriptor.effort,
    ...(descriptor.actualEffort ? [descriptor.actualEffort] : []),
  ];
  const rules: [column: string, rule: Rule][] = [
    ['sys_id', required],
    ['number', required],
    ['sys_created_on', time],
    ['sys_updated_on', time],
    ['priority', level(5)],
    ['impact', level(3)],
    ['urgency', level(3)],
    // Durations share the date-time form (§6.2: time since the epoch).
    ...times.map((column): [string, Rule] => [column, optionalTime]),
  ];
  const schema = z.object(Object.fromEntries(rules.map(([column, rule]) => [column, valueThat(rule)])));
  return (record: RawRecord) => {
    if (rules.every(([column, rule]) => rule.check(valueOf(record, column)))) return PASSED;
    return schema.safeParse(Object.fromEntries(rules.map(([column]) => [column, valueOf(record, column)])));
  };
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
export const cellOf = (record: RawRecord, column: string): Cell => ({
  value: valueOf(record, column),
  display: displayOf(record, column),
});
