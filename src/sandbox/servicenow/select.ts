/**
 * Compiles a parsed encoded query against a table and runs it. Unknown fields are dropped, as the
 * platform ignores them (api-facts §6.1); the caller decides whether that empties the answer.
 * Queries bounded on sys_updated_on scan only that slice of the table's sorted index, and queries
 * ordered by (sys_updated_on, sys_id) are answered in index order without sorting or copying.
 */
import { resolveField, valueOf, type ResolvedField } from './fields.js';
import type { Condition, EncodedQuery, Operator } from './query.js';
import type { Catalog, ColumnType, Row } from './schema.js';
import type { TableStore, UpdatedRange } from './table-store.js';
import { dateGenerateToUtc, normalizeTimeLiteral } from './values.js';

type Predicate = (row: Row) => boolean;

export interface CompiledQuery {
  matches: Predicate;
  /** A bound every matching row's sys_updated_on lies in; undefined when the query gives none. */
  range: UpdatedRange | undefined;
  order: { field: ResolvedField; desc: boolean }[];
  /** Set when the order is the index's own (sys_updated_on, then sys_id), ascending or descending. */
  indexOrder: 'asc' | 'desc' | undefined;
  /** Some condition named an unknown field or had no operator, and was ignored. */
  ignoredParts: boolean;
}

export function compileQuery(
  catalog: Catalog,
  table: string,
  query: EncodedQuery,
  timeZone: string,
): CompiledQuery {
  let ignoredParts = query.unparsed.length > 0;
  const queries: { predicate: Predicate; range: UpdatedRange | undefined }[] = [];
  for (const conjunction of query.queries) {
    const terms: Predicate[] = [];
    let range: UpdatedRange | undefined;
    for (const term of conjunction) {
      const compiled = term.map((c) => compileCondition(catalog, table, c, timeZone));
      const valid = compiled.filter((c): c is CompiledCondition => c !== undefined);
      if (valid.length < compiled.length) ignoredParts = true;
      if (!valid.length) continue;
      const tests = valid.map((c) => c.test);
      terms.push(tests.length === 1 ? (tests[0] as Predicate) : (row) => tests.some((t) => t(row)));
      if (valid.every((c) => c.range)) range = intersect(range, valid.map((c) => c.range).reduce(hull));
    }
    queries.push({ predicate: (row) => terms.every((t) => t(row)), range });
  }
  const order = query.orderBy.flatMap(({ field, desc }) => {
    const resolved = resolveField(catalog, table, field);
    return resolved ? [{ field: resolved, desc }] : [];
  });
  return {
    matches: queries.length ? (row) => queries.some((q) => q.predicate(row)) : () => true,
    range: queries.length ? queries.map((q) => q.range).reduce(hull) : undefined,
    order,
    indexOrder: indexOrderOf(order),
    ignoredParts,
  };
}

export interface Page {
  offset: number;
  limit: number;
  /** Whether the total is wanted (`sysparm_no_count` not set). */
  count: boolean;
}

/** The page of matching rows and, when asked for, the number of all matching rows. */
export function select(
  store: TableStore,
  query: CompiledQuery,
  page: Page,
): { rows: Row[]; total: number | undefined } {
  const end = page.offset + page.limit;
  if (query.indexOrder || query.range) {
    const index = store.ordered();
    const { from, to } = query.range ? store.range(query.range) : { from: 0, to: index.length };
    if (query.indexOrder) {
      const rows: Row[] = [];
      let matched = 0;
      const step = query.indexOrder === 'asc' ? 1 : -1;
      for (let i = step === 1 ? from : to - 1; i >= from && i < to; i += step) {
        const row = index[i] as Row;
        if (!query.matches(row)) continue;
        if (matched >= page.offset && matched < end) rows.push(row);
        matched++;
        if (!page.count && matched >= end) break;
      }
      return { rows, total: page.count ? matched : undefined };
    }
    return sortAndPage(filterRange(index, from, to, query.matches), query, page);
  }
  const matches: Row[] = [];
  for (const row of store.rows()) if (query.matches(row)) matches.push(row);
  return sortAndPage(matches, query, page);
}

function filterRange(index: readonly Row[], from: number, to: number, matches: Predicate): Row[] {
  const rows: Row[] = [];
  for (let i = from; i < to; i++) if (matches(index[i] as Row)) rows.push(index[i] as Row);
  return rows;
}

function sortAndPage(
  rows: Row[],
  query: CompiledQuery,
  page: Page,
): { rows: Row[]; total: number | undefined } {
  let sorted = rows;
  if (query.order.length) {
    const keyed = rows.map((row) => ({ row, keys: query.order.map((o) => valueOf(o.field, row) ?? '') }));
    const comparators = query.order.map((o) => ({
      compare: comparatorFor(o.field.column.type),
      desc: o.desc,
    }));
    keyed.sort((a, b) => {
      for (const [i, { compare, desc }] of comparators.entries()) {
        const c = compare(a.keys[i] as string, b.keys[i] as string);
        if (c !== 0) return desc ? -c : c;
      }
      return 0;
    });
    sorted = keyed.map((k) => k.row);
  }
  return {
    rows: sorted.slice(page.offset, page.offset + page.limit),
    total: page.count ? sorted.length : undefined,
  };
}

function indexOrderOf(order: { field: ResolvedField; desc: boolean }[]): 'asc' | 'desc' | undefined {
  const [first, second] = order;
  if (!first || first.field.path !== 'sys_updated_on') return undefined;
  if (second && (second.field.path !== 'sys_id' || second.desc !== first.desc)) return undefined;
  return first.desc ? 'desc' : 'asc';
}

interface CompiledCondition {
  test: Predicate;
  range: UpdatedRange | undefined;
}

function compileCondition(
  catalog: Catalog,
  table: string,
  condition: Condition,
  timeZone: string,
): CompiledCondition | undefined {
  const field = resolveField(catalog, table, condition.field);
  if (!field) return undefined;
  const type = field.column.type;
  let literal = condition.value;
  if (type === 'glide_date_time' || type === 'glide_duration') {
    if (literal.startsWith('javascript:')) {
      // Only gs.dateGenerate is understood (§6.3); any other script is ignored like an invalid part.
      const utc = dateGenerateToUtc(literal, timeZone);
      if (utc === undefined) return undefined;
      literal = utc;
    } else {
      literal = normalizeTimeLiteral(literal);
    }
  }
  const match = matcher(condition.op, literal, comparatorFor(type));
  const test: Predicate = (row) => match(valueOf(field, row) ?? '');
  const range = condition.field === 'sys_updated_on' ? rangeOf(condition.op, literal) : undefined;
  return { test, range };
}

/**
 * Value tests. Empty values never satisfy `!=`, `NOT IN`, `NOT LIKE` or an ordering comparison:
 * the platform stores empty values as NULL and SQL comparisons with NULL are false (use `ISEMPTY`
 * to include them). This is platform behaviour not covered by api-facts.
 */
function matcher(op: Operator, literal: string, compare: Comparator): (value: string) => boolean {
  const lower = literal.toLowerCase();
  const list = () => new Set(literal.split(',').map((v) => v.toLowerCase()));
  switch (op) {
    case '=':
      return (v) => compare(v, literal) === 0;
    case '!=':
      return (v) => v !== '' && compare(v, literal) !== 0;
    case '>':
      return (v) => v !== '' && compare(v, literal) > 0;
    case '>=':
      return (v) => v !== '' && compare(v, literal) >= 0;
    case '<':
      return (v) => v !== '' && compare(v, literal) < 0;
    case '<=':
      return (v) => v !== '' && compare(v, literal) <= 0;
    case 'IN': {
      const values = list();
      return (v) => values.has(v.toLowerCase());
    }
    case 'NOT IN': {
      const values = list();
      return (v) => v !== '' && !values.has(v.toLowerCase());
    }
    case 'STARTSWITH':
      return (v) => v.toLowerCase().startsWith(lower);
    case 'ENDSWITH':
      return (v) => v.toLowerCase().endsWith(lower);
    case 'LIKE':
      return (v) => v.toLowerCase().includes(lower);
    case 'NOT LIKE':
      return (v) => v !== '' && !v.toLowerCase().includes(lower);
    case 'ISEMPTY':
      return (v) => v === '';
    case 'ISNOTEMPTY':
      return (v) => v !== '';
  }
}

type Comparator = (a: string, b: string) => number;

const binary: Comparator = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const caseInsensitive: Comparator = (a, b) => binary(a.toLowerCase(), b.toLowerCase());
const NUMBER = /^-?\d+(\.\d+)?$/;
const numeric: Comparator = (a, b) =>
  NUMBER.test(a) && NUMBER.test(b) ? Math.sign(Number(a) - Number(b)) : binary(a, b);

/**
 * Strings compare case-insensitively (the platform's database collation); integers as numbers;
 * ids, date-times and durations as stored, which for `YYYY-MM-DD HH:mm:ss` is chronological in UTC.
 */
function comparatorFor(type: ColumnType): Comparator {
  if (type === 'integer') return numeric;
  if (type === 'GUID' || type === 'glide_date_time' || type === 'glide_duration') return binary;
  return caseInsensitive;
}

/** The index slice a sys_updated_on condition allows (compared as stored, like `binary`). */
function rangeOf(op: Operator, value: string): UpdatedRange | undefined {
  switch (op) {
    case '=':
      return { low: { value, inclusive: true }, high: { value, inclusive: true } };
    case '>':
      return { low: { value, inclusive: false } };
    case '>=':
      return { low: { value, inclusive: true } };
    case '<':
      return { high: { value, inclusive: false } };
    case '<=':
      return { high: { value, inclusive: true } };
    default:
      return undefined;
  }
}

type Bound = { value: string; inclusive: boolean };

/** Whether bound a admits fewer rows than b, as a lower bound. */
const tighterLow = (a: Bound, b: Bound): boolean =>
  a.value > b.value || (a.value === b.value && !a.inclusive && b.inclusive);
const tighterHigh = (a: Bound, b: Bound): boolean =>
  a.value < b.value || (a.value === b.value && !a.inclusive && b.inclusive);

function intersect(a: UpdatedRange | undefined, b: UpdatedRange | undefined): UpdatedRange | undefined {
  if (!a) return b;
  if (!b) return a;
  const low = !a.low ? b.low : !b.low ? a.low : tighterLow(a.low, b.low) ? a.low : b.low;
  const high = !a.high ? b.high : !b.high ? a.high : tighterHigh(a.high, b.high) ? a.high : b.high;
  return { ...(low && { low }), ...(high && { high }) };
}

/** The smallest range holding both; an open side stays open, and no range means "everything". */
function hull(a: UpdatedRange | undefined, b: UpdatedRange | undefined): UpdatedRange | undefined {
  if (!a || !b) return undefined;
  const low = a.low && b.low ? (tighterLow(a.low, b.low) ? b.low : a.low) : undefined;
  const high = a.high && b.high ? (tighterHigh(a.high, b.high) ? b.high : a.high) : undefined;
  return low || high ? { ...(low && { low }), ...(high && { high }) } : undefined;
}
