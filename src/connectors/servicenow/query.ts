/**
 * The encoded-query builder (api-facts §6.1). Encoded queries have no parentheses: `^` is AND, a
 * term starting `OR` is OR'd with the term before it (OR binds tighter than AND), `^NQ` starts a new
 * query OR'd with the whole query before it, and `ORDERBY` terms sort the whole result. So every
 * condition bearing needs is repeated inside each `^NQ` branch, and text from the configuration is
 * checked term by term before it is spliced in (style.md: never splice config text into a query).
 */
import { BearingError } from '../../core/errors.js';

/**
 * Splits on `^`, keeping `^^` (a literal caret inside a value) inside its term, as the platform
 * reads it.
 */
function terms(query: string): string[] {
  const out: string[] = [];
  let term = '';
  for (let i = 0; i < query.length; i++) {
    const ch = query[i] as string;
    if (ch !== '^') term += ch;
    else if (query[i + 1] === '^') {
      term += '^^';
      i++;
    } else {
      out.push(term);
      term = '';
    }
  }
  out.push(term);
  return out;
}

/**
 * Checks the configuration's extra query and returns it in a form that is safe to AND into each
 * branch of bearing's own query. Refused, with a message saying why: `NQ` (a second query would
 * escape bearing's window), `ORDERBY` (bearing orders results itself, for keyset paging) and a first
 * term starting `OR` (it would be OR'd with bearing's window clause). Empty terms and the `EQ` a
 * list view appends are dropped.
 */
export function checkConfigQuery(query: string | undefined): string | undefined {
  if (query === undefined) return undefined;
  const kept: string[] = [];
  for (const raw of terms(query.trim())) {
    const term = raw.trim();
    if (term === '' || term === 'EQ') continue;
    const problem = /^NQ/.test(term)
      ? 'must not contain ^NQ: a second query would escape bearing’s sync window'
      : /ORDERBY/i.test(term)
        ? 'must not contain ORDERBY: bearing orders results itself (keyset paging on sys_updated_on, sys_id)'
        : kept.length === 0 && /^OR/.test(term)
          ? 'must not start with an OR term: it would be OR’d with bearing’s window clause'
          : term.startsWith('^^')
            ? 'must not start a term with ^^: after bearing’s own ^ the platform reads a literal caret and then a separator'
            : undefined;
    if (problem) throw new BearingError('config', `servicenow.query ${problem} (got "${query}")`);
    kept.push(term);
  }
  return kept.length ? kept.join('^') : undefined;
}

/** A keyset position: the last record read, as the server sorts it. */
export interface KeysetPosition {
  /** Raw `sys_updated_on` (`YYYY-MM-DD HH:mm:ss`, UTC, §6.2). */
  updatedOn: string;
  /** sys_id of the last record at that time; null reads everything from `updatedOn` on. */
  sysId: string | null;
}

export interface WindowQuery {
  /** Last record already read; null for a first (full) pull with no lower edge. */
  after: KeysetPosition | null;
  /** Exclusive upper edge on sys_updated_on (raw UTC literal, §6.3). */
  before: string;
  /** The checked configuration query, ANDed into every branch. */
  extra: string | undefined;
}

const ORDER = 'ORDERBYsys_updated_on^ORDERBYsys_id';

/**
 * The window and keyset of one page, ordered by (sys_updated_on, sys_id):
 * `sys_updated_on>X^…^NQsys_updated_on=X^sys_id>Y^…^ORDERBYsys_updated_on^ORDERBYsys_id`.
 * The tempting `sys_updated_on>X^ORsys_updated_on=X^sys_id>Y` reads as (>X OR =X) AND sys_id>Y, which
 * skips every later record with a smaller sys_id; hence the `^NQ` form. Time literals are compared as
 * UTC (§6.3), which is what `formatServiceNowTime` writes.
 */
export function windowQuery(window: WindowQuery): string {
  const common = [`sys_updated_on<${window.before}`, ...(window.extra ? [window.extra] : [])];
  const { after } = window;
  const branches: string[][] = !after
    ? [common]
    : after.sysId === null
      ? [[`sys_updated_on>=${after.updatedOn}`, ...common]]
      : [
          [`sys_updated_on>${after.updatedOn}`, ...common],
          [`sys_updated_on=${after.updatedOn}`, `sys_id>${after.sysId}`, ...common],
        ];
  return `${branches.map((b) => b.join('^')).join('^NQ')}^${ORDER}`;
}

/**
 * `[sys_id>Y^]<extra>^ORDERBYsys_id`: a table's records in sys_id order, for the ids-only listing of a
 * deletion sweep. sys_ids never change, so a keyset on them neither skips nor repeats a record.
 */
export function sweepQuery(afterSysId: string | null, extra: string | undefined): string {
  if (afterSysId !== null && !/^[A-Za-z0-9]+$/.test(afterSysId)) {
    throw new BearingError('invalidData', `servicenow: "${afterSysId}" is not a sys_id`);
  }
  const terms = [...(afterSysId === null ? [] : [`sys_id>${afterSysId}`]), ...(extra ? [extra] : [])];
  return [...terms, 'ORDERBYsys_id'].join('^');
}

/** `field` is one of `values`; each value must be a plain id (no `,` or `^`, which would break the list). */
export function inQuery(field: string, values: readonly string[]): string {
  for (const v of values) {
    if (!/^[A-Za-z0-9_.-]+$/.test(v))
      throw new BearingError('fatal', `not a plain id for ${field}IN: "${v}"`);
  }
  return `${field}IN${values.join(',')}`;
}
