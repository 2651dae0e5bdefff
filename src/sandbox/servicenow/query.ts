/**
 * Parser for encoded queries (`sysparm_query`, api-facts §6.1). Grammar, as the platform reads it:
 * `^` joins terms with AND, a term starting `OR` is OR'd with the term before it (OR binds tighter
 * than AND: `a^b^ORc` is a AND (b OR c)), `^NQ` starts a new query OR'd with the previous ones, and
 * `ORDERBYfield` / `ORDERBYDESCfield` terms sort the whole result. `^^` is a literal `^` in a value.
 * The parser knows no schema; unknown fields are dropped later, when the query is compiled.
 */

export type Operator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'IN'
  | 'NOT IN'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | 'LIKE'
  | 'NOT LIKE'
  | 'ISEMPTY'
  | 'ISNOTEMPTY';

/** Longest first, so `>=` is not read as `>` with a value starting `=`. */
const OPERATORS: readonly Operator[] = [
  'ISNOTEMPTY',
  'ISEMPTY',
  'STARTSWITH',
  'ENDSWITH',
  'NOT LIKE',
  'NOT IN',
  'LIKE',
  'IN',
  '!=',
  '>=',
  '<=',
  '=',
  '>',
  '<',
];

export interface Condition {
  /** Column name, possibly dot-walked (`caller_id.vip`). */
  field: string;
  op: Operator;
  value: string;
}

/** One query: terms AND'ed, each term a list of OR'd conditions. */
export type Conjunction = Condition[][];

export interface EncodedQuery {
  /** Queries OR'd together (`^NQ`). */
  queries: Conjunction[];
  orderBy: { field: string; desc: boolean }[];
  /** Terms that are not conditions at all (no known operator); the platform ignores them. */
  unparsed: string[];
}

export function parseEncodedQuery(text: string): EncodedQuery {
  const result: EncodedQuery = { queries: [], orderBy: [], unparsed: [] };
  let current: Conjunction = [];
  const flush = (): void => {
    if (current.length) result.queries.push(current);
    current = [];
  };
  for (let term of splitTerms(text)) {
    if (term.startsWith('NQ')) {
      flush();
      term = term.slice(2);
    }
    let or = false;
    if (term.startsWith('OR') && !term.startsWith('ORDERBY')) {
      or = true;
      term = term.slice(2);
    }
    if (term === '' || term === 'EQ') continue; // `^EQ` ends list-view queries
    if (term.startsWith('ORDERBYDESC')) {
      result.orderBy.push({ field: term.slice('ORDERBYDESC'.length), desc: true });
      continue;
    }
    if (term.startsWith('ORDERBY')) {
      result.orderBy.push({ field: term.slice('ORDERBY'.length), desc: false });
      continue;
    }
    const condition = parseCondition(term);
    if (!condition) {
      result.unparsed.push(term);
      continue;
    }
    const last = current[current.length - 1];
    if (or && last) last.push(condition);
    else current.push([condition]);
  }
  flush();
  return result;
}

/** Field names are lower case (`u_` custom, dot-walks); the operator starts at the first other character. */
function parseCondition(term: string): Condition | undefined {
  const m = /^([a-z0-9_.]+)(.*)$/s.exec(term);
  if (!m) return undefined;
  const field = m[1] as string;
  const rest = m[2] as string;
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op) return undefined;
  const value = rest.slice(op.length);
  if ((op === 'ISEMPTY' || op === 'ISNOTEMPTY') && value !== '') return undefined;
  return { field, op, value };
}

/** Splits on `^`, reading `^^` as a literal caret inside a value. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let term = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '^') {
      term += ch;
    } else if (text[i + 1] === '^') {
      term += '^';
      i++;
    } else {
      terms.push(term);
      term = '';
    }
  }
  terms.push(term);
  return terms;
}
