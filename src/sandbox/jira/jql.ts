/**
 * A JQL parser for the subset bearing sends (§1.1b, §1.2): clauses `field op value`, lists, `EMPTY`,
 * `AND` / `OR` / `NOT` with parentheses (AND binds tighter), and `ORDER BY field [ASC|DESC], …`.
 * Syntax errors carry Jira's own wording ("Error in the JQL Query: …", with line and character).
 */

export class JqlError extends Error {
  override readonly name = 'JqlError';
}

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Operand =
  | { kind: 'value'; text: string; quoted: boolean }
  | { kind: 'list'; items: Operand[] }
  | { kind: 'empty' }
  | { kind: 'function'; name: string };

export interface Clause {
  kind: 'clause';
  /** Field as written (`project`, `cf[10016]`, `"Story point estimate"`). */
  field: string;
  op: Operator;
  operand: Operand;
}

export type Expr =
  Clause | { kind: 'and'; items: Expr[] } | { kind: 'or'; items: Expr[] } | { kind: 'not'; item: Expr };

export interface SortItem {
  field: string;
  direction: 'asc' | 'desc' | undefined;
}

export interface JqlQuery {
  /** null when the query has no restriction (only ORDER BY, or empty): unbounded (§1.2). */
  where: Expr | null;
  orderBy: SortItem[];
}

interface Token {
  type: 'word' | 'string' | 'op' | '(' | ')' | ',';
  text: string;
  /** 1-based character position, as Jira reports it. */
  at: number;
}

const RESERVED = new Set(['+', '.', ';', '?', '|', '*', '/', '%', '^', '$', '#', '@', '[', ']', '&']);
const WORD = /[\p{L}\p{N}_\-:]/u;
const OPERATORS_TEXT =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

const where = (t: Token): string => `(line 1, character ${t.at})`;

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql[i] ?? '';
    const at = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      while (j < jql.length && jql[j] !== ch) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
        j++;
      }
      if (j >= jql.length) {
        throw new JqlError(
          `Error in the JQL Query: The quoted string '${text}' has not been completed. (line 1, character ${at})`,
        );
      }
      tokens.push({ type: 'string', text, at });
      i = j + 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, text: ch, at });
      i++;
    } else if ('=!<>~'.includes(ch)) {
      const two = jql.slice(i, i + 2);
      const op = ['!=', '>=', '<=', '!~'].includes(two) ? two : ch;
      if (op === '!') {
        throw new JqlError(
          `Error in the JQL Query: Expecting operator but got '!'. ${OPERATORS_TEXT} (line 1, character ${at})`,
        );
      }
      tokens.push({ type: 'op', text: op, at });
      i += op.length;
    } else if (/^cf\[\d+\]/i.test(jql.slice(i))) {
      const m = /^cf\[\d+\]/i.exec(jql.slice(i))?.[0] ?? '';
      tokens.push({ type: 'word', text: m, at });
      i += m.length;
    } else if (WORD.test(ch)) {
      let j = i;
      while (j < jql.length && WORD.test(jql[j] ?? '')) j++;
      tokens.push({ type: 'word', text: jql.slice(i, j), at });
      i = j;
    } else {
      const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
      throw new JqlError(
        RESERVED.has(ch)
          ? `Error in the JQL Query: The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${hex}' instead. (line 1, character ${at})`
          : `Error in the JQL Query: The character '${ch}' is not allowed here. (line 1, character ${at})`,
      );
    }
  }
  return tokens;
}

const isWord = (t: Token | undefined, word: string): boolean =>
  t?.type === 'word' && t.text.toLowerCase() === word;

/** Parses a JQL string; throws JqlError with Jira's wording on a syntax error. */
export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let pos = 0;
  const peek = (offset = 0): Token | undefined => tokens[pos + offset];
  const next = (): Token | undefined => tokens[pos++];

  const parseOr = (): Expr => {
    const items = [parseAnd()];
    while (isWord(peek(), 'or')) {
      pos++;
      items.push(parseAnd());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'or', items };
  };

  const parseAnd = (): Expr => {
    const items = [parseNot()];
    while (isWord(peek(), 'and')) {
      pos++;
      items.push(parseNot());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'and', items };
  };

  const parseNot = (): Expr => {
    const t = peek();
    if (isWord(t, 'not')) {
      pos++;
      return { kind: 'not', item: parseNot() };
    }
    if (t?.type === '(') {
      pos++;
      const inner = parseOr();
      const close = next();
      if (close?.type !== ')') {
        throw new JqlError(
          close
            ? `Error in the JQL Query: Expecting ')' but got '${close.text}'. ${where(close)}`
            : "Error in the JQL Query: Expecting ')' before the end of the query.",
        );
      }
      return inner;
    }
    return parseClause();
  };

  const parseClause = (): Clause => {
    const field = next();
    if (!field) throw new JqlError('Error in the JQL Query: Expecting a field name at the end of the query.');
    if (field.type !== 'word' && field.type !== 'string') {
      throw new JqlError(
        `Error in the JQL Query: Expecting a field name but got '${field.text}'. ${where(field)}`,
      );
    }
    const op = parseOperator();
    return { kind: 'clause', field: field.text, op, operand: parseOperand() };
  };

  const parseOperator = (): Operator => {
    const t = next();
    if (!t)
      throw new JqlError(
        `Error in the JQL Query: Expecting operator before the end of the query. ${OPERATORS_TEXT}`,
      );
    if (t.type === 'op') return t.text as Operator;
    if (isWord(t, 'in')) return 'in';
    if (isWord(t, 'not') && isWord(peek(), 'in')) {
      pos++;
      return 'not in';
    }
    if (isWord(t, 'is')) {
      if (isWord(peek(), 'not')) {
        pos++;
        return 'is not';
      }
      return 'is';
    }
    if (isWord(t, 'was') || isWord(t, 'changed')) {
      throw new JqlError(
        `The fake Jira does not support the history operator '${t.text.toUpperCase()}'. ${where(t)}`,
      );
    }
    throw new JqlError(
      `Error in the JQL Query: Expecting operator but got '${t.text}'. ${OPERATORS_TEXT} ${where(t)}`,
    );
  };

  const parseOperand = (): Operand => {
    const t = next();
    if (!t)
      throw new JqlError(
        'Error in the JQL Query: Expecting either a value, list or function before the end of the query.',
      );
    if (t.type === '(') {
      const items: Operand[] = [parseOperand()];
      while (peek()?.type === ',') {
        pos++;
        items.push(parseOperand());
      }
      const close = next();
      if (close?.type !== ')') {
        throw new JqlError(
          close
            ? `Error in the JQL Query: Expecting ')' but got '${close.text}'. ${where(close)}`
            : "Error in the JQL Query: Expecting ')' before the end of the query.",
        );
      }
      return { kind: 'list', items };
    }
    if (t.type === 'string') return { kind: 'value', text: t.text, quoted: true };
    if (t.type !== 'word') {
      throw new JqlError(
        `Error in the JQL Query: Expecting either a value, list or function but got '${t.text}'. ${where(t)}`,
      );
    }
    if (isWord(t, 'empty') || isWord(t, 'null')) return { kind: 'empty' };
    if (peek()?.type === '(') {
      pos++;
      let depth = 1;
      while (depth > 0 && peek()) {
        const inner = next();
        if (inner?.type === '(') depth++;
        if (inner?.type === ')') depth--;
      }
      return { kind: 'function', name: t.text };
    }
    return { kind: 'value', text: t.text, quoted: false };
  };

  const parseOrderBy = (): SortItem[] => {
    pos++; // ORDER
    const by = next();
    if (!isWord(by, 'by')) {
      throw new JqlError(
        by
          ? `Error in the JQL Query: Expecting 'BY' but got '${by.text}'. ${where(by)}`
          : "Error in the JQL Query: Expecting 'BY' before the end of the query.",
      );
    }
    const items: SortItem[] = [];
    do {
      if (items.length > 0) pos++; // the comma
      const field = next();
      if (!field || (field.type !== 'word' && field.type !== 'string')) {
        throw new JqlError('Error in the JQL Query: Expecting a field name at the end of the query.');
      }
      let direction: SortItem['direction'];
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc'))
        direction = next()?.text.toLowerCase() as 'asc' | 'desc';
      items.push({ field: field.text, direction });
    } while (peek()?.type === ',');
    return items;
  };

  let whereExpr: Expr | null = null;
  if (peek() && !isWord(peek(), 'order')) whereExpr = parseOr();
  let orderBy: SortItem[] = [];
  if (isWord(peek(), 'order')) orderBy = parseOrderBy();
  const extra = peek();
  if (extra) {
    throw new JqlError(
      `Error in the JQL Query: Expecting either 'OR' or 'AND' but got '${extra.text}'. ${where(extra)}`,
    );
  }
  return { where: whereExpr, orderBy };
}
