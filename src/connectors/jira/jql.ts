/**
 * The JQL bearing sends. The configured JQL is user text: it is checked (balanced parentheses and quotes,
 * no ORDER BY), wrapped in parentheses and never spliced in any other way, so it cannot escape its
 * clause. Scope queries add `project = "KEY"`, the window's lower edge and a stable order.
 */
import { BearingError } from '../../core/errors.js';

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'punct'; text: '(' | ')' | ',' };

const OPERATORS = ['!=', '!~', '>=', '<=', '=', '~', '>', '<'];

function configError(message: string): BearingError {
  return new BearingError('config', `jira.jql: ${message}`);
}

/** Splits JQL into words, quoted strings, operators and punctuation (enough to find clauses, not to run them). */
function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      for (; j < jql.length && jql[j] !== ch; j++) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
      }
      if (j >= jql.length) throw configError(`the quote opened at character ${i + 1} is never closed`);
      tokens.push({ kind: 'string', text });
      i = j + 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => jql.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < jql.length && !/[\s()",'=!~<>]/.test(jql[j] as string)) j++;
    if (j === i) j++; // a lone '!' or similar: keep it as a word so nothing loops
    tokens.push({ kind: 'word', text: jql.slice(i, j) });
    i = j;
  }
  return tokens;
}

const isWord = (t: Token | undefined, word: string): boolean =>
  t?.kind === 'word' && t.text.toLowerCase() === word;

/**
 * Checks the configured JQL and returns it trimmed. Rejected: empty text, unbalanced parentheses or quotes
 * (they could close bearing's own parentheses), and ORDER BY (bearing orders by `updated, key` to page
 * through a scope; a second ORDER BY is a JQL syntax error).
 */
export function checkScopeJql(jql: string): string {
  const text = jql.trim();
  if (text === '')
    throw configError('is empty; give the JQL that selects the work in scope, e.g. project in (SHOP, OPS)');
  const tokens = tokenize(text);
  let depth = 0;
  for (const [i, t] of tokens.entries()) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')' && --depth < 0) throw configError('has a ")" without its "("');
    if (isWord(t, 'order') && isWord(tokens[i + 1], 'by')) {
      throw configError(
        'must not contain ORDER BY: bearing orders the results itself (by updated, then key) to page through them; remove the ORDER BY part',
      );
    }
  }
  if (depth !== 0) throw configError('has a "(" that is never closed');
  return text;
}

/** Splits a token list at top-level occurrences of a keyword. */
function splitTop(tokens: Token[], keyword: string): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && isWord(t, keyword)) parts.push([]);
    else parts[parts.length - 1]?.push(t);
  }
  return parts;
}

/** Removes parentheses that wrap the whole list: `((a AND b))` → `a AND b`. */
function unwrap(tokens: Token[]): Token[] {
  let current = tokens;
  for (;;) {
    const first = current[0];
    const last = current[current.length - 1];
    if (!(first?.kind === 'punct' && first.text === '(' && last?.kind === 'punct' && last.text === ')')) {
      return current;
    }
    let depth = 0;
    let wrapsAll = true;
    for (let i = 0; i < current.length - 1; i++) {
      const t = current[i] as Token;
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
      if (depth === 0) {
        wrapsAll = false;
        break;
      }
    }
    if (!wrapsAll) return current;
    current = current.slice(1, -1);
  }
}

/** Values of `project = X` / `project in (X, Y)`, or null when the clause is something else. */
function projectValues(clause: Token[]): string[] | null {
  const [field, op, ...rest] = clause;
  if (!isWord(field, 'project')) return null;
  const value = (t: Token | undefined): string | null =>
    t?.kind === 'word' || t?.kind === 'string' ? t.text : null;
  if (op?.kind === 'op' && op.text === '=' && rest.length === 1) {
    const v = value(rest[0]);
    return v === null ? null : [v];
  }
  if (!isWord(op, 'in')) return null;
  const [open, ...items] = rest;
  const close = items.pop();
  if (!(open?.kind === 'punct' && open.text === '(' && close?.kind === 'punct' && close.text === ')'))
    return null;
  const values: string[] = [];
  for (const [i, t] of items.entries()) {
    if (i % 2 === 1) {
      if (!(t.kind === 'punct' && t.text === ',')) return null;
      continue;
    }
    const v = value(t);
    if (v === null) return null;
    values.push(v);
  }
  return values.length > 0 ? values : null;
}

/**
 * The projects a JQL restricts itself to with a top-level `project = X` or `project in (…)` clause (joined
 * to the rest by AND), as written (keys, names or ids); null when it has no such clause (then the projects
 * must be discovered by searching).
 */
export function projectsNamedBy(jql: string): string[] | null {
  const tokens = unwrap(tokenize(jql));
  if (splitTop(tokens, 'or').length > 1) return null;
  let named: string[] | null = null;
  for (const part of splitTop(tokens, 'and')) {
    const values = projectValues(unwrap(part));
    if (values === null) continue;
    const lower = new Set(values.map((v) => v.toLowerCase()));
    // Two AND-ed project clauses: only projects both allow.
    named = named === null ? values : named.filter((v) => lower.has(v.toLowerCase()));
  }
  return named;
}

/** A JQL string literal. */
const quoteJql = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/** `(<config jql>) AND project = "KEY"[ AND updated >= "yyyy/MM/dd HH:mm"] ORDER BY updated ASC, key ASC`. */
export function scopeJql(configJql: string, projectKey: string, fromLiteral: string | null): string {
  const window = fromLiteral === null ? '' : ` AND updated >= ${quoteJql(fromLiteral)}`;
  // Ascending `updated` with `key` as tie-break: a stable keyset order for paging (style.md, practice 2).
  return `(${configJql}) AND project = ${quoteJql(projectKey)}${window} ORDER BY updated ASC, key ASC`;
}

/** `(<config jql>)[ AND project not in (…)]`: finds projects the JQL matches beyond those already found. */
export function discoveryJql(configJql: string, found: readonly string[]): string {
  const exclude = found.length > 0 ? ` AND project not in (${found.map(quoteJql).join(', ')})` : '';
  return `(${configJql})${exclude}`;
}

/**
 * `(<config jql>) AND project = "KEY"[ AND id > N] ORDER BY id ASC`: every issue of a scope, for a deletion
 * sweep, in an order no edit can move (ids never change), so a walk neither skips nor repeats an issue.
 */
export function sweepJql(configJql: string, projectKey: string, afterId: string | null): string {
  if (afterId !== null && !/^\d+$/.test(afterId)) {
    throw new BearingError('invalidData', `jira: "${afterId}" is not a numeric issue id`);
  }
  const after = afterId === null ? '' : ` AND id > ${afterId}`;
  return `(${configJql}) AND project = ${quoteJql(projectKey)}${after} ORDER BY id ASC`;
}
