import { describe, expect, it } from 'vitest';
import { JqlError, parseJql } from './jql.js';
import { compileQuery } from './query.js';
import { JiraState } from './state.js';
import { seedTicket } from './seed-builders.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0);

function matcher(jql: string, timeZone = 'UTC') {
  const state = new JiraState({ flavour: 'cloud', now: () => NOW });
  state.load(
    [],
    [
      seedTicket('OPS-1', { updated: NOW - 10 * 60_000, labels: ['a'] }),
      seedTicket('OPS-2', { updated: NOW - 2 * 86_400_000, status: 'done', resolved: NOW - 2 * 86_400_000 }),
      seedTicket('OPS-10', { updated: NOW - 30_000 }),
      seedTicket('HR-1', { updated: NOW }),
    ],
  );
  const compiled = compileQuery(parseJql(jql), { state, timeZone, now: NOW });
  return [...state.ids()]
    .map((id) => state.issue(id))
    .filter((r) => r !== undefined && compiled.matches(r))
    .map((r) => r?.key)
    .sort();
}

const error = (jql: string): string => {
  try {
    matcher(jql);
  } catch (e) {
    if (e instanceof JqlError) return e.message;
    throw e;
  }
  throw new Error(`expected "${jql}" to fail`);
};

describe('JQL parsing', () => {
  it('binds AND tighter than OR', () => {
    const q = parseJql('project = A OR project = B AND labels = x');
    expect(q.where).toMatchObject({ kind: 'or', items: [{ kind: 'clause' }, { kind: 'and' }] });
  });

  it('reads ORDER BY with optional directions and no restriction', () => {
    expect(parseJql('ORDER BY updated ASC, key')).toEqual({
      where: null,
      orderBy: [
        { field: 'updated', direction: 'asc' },
        { field: 'key', direction: undefined },
      ],
    });
  });

  it('reports syntax errors the way Jira words them', () => {
    expect(() => parseJql('project = A AND')).toThrow(
      'Error in the JQL Query: Expecting a field name at the end of the query.',
    );
    expect(() => parseJql('project = 1.5')).toThrow(
      "Error in the JQL Query: The character '.' is a reserved JQL character. You must enclose it in a string or use the escape '\\u002e' instead. (line 1, character 12)",
    );
    expect(() => parseJql('key in (A-1, A-2')).toThrow(
      "Error in the JQL Query: Expecting ')' before the end of the query.",
    );
    expect(() => parseJql('project = A B')).toThrow(
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'B'. (line 1, character 13)",
    );
    expect(() => parseJql('summary = "open')).toThrow(/The quoted string 'open' has not been completed/);
  });
});

describe('JQL matching', () => {
  it('compares keys within their project and ids as numbers', () => {
    expect(matcher('key > OPS-1')).toEqual(['OPS-10', 'OPS-2']);
    expect(matcher('issuekey <= ops-2')).toEqual(['OPS-1', 'OPS-2']);
  });

  it('reads relative periods against the clock', () => {
    expect(matcher('updated >= -15m')).toEqual(['HR-1', 'OPS-1', 'OPS-10']);
    expect(matcher('updated < "-1d"')).toEqual(['OPS-2']);
  });

  it('handles EMPTY, negative label clauses and resolved dates', () => {
    expect(matcher('labels is EMPTY')).toEqual(['HR-1', 'OPS-10', 'OPS-2']);
    expect(matcher('labels != a')).toEqual([]);
    expect(matcher('resolved is EMPTY AND statusCategory = done')).toEqual([]);
    expect(matcher('resolved is not EMPTY')).toEqual(['OPS-2']);
  });

  it('names unsupported pieces instead of guessing', () => {
    expect(error('"Story point estimate" > 3')).toBe(
      "The fake Jira does not support the field 'Story point estimate' in JQL.",
    );
    expect(error('assignee = currentUser()')).toBe(
      "The fake Jira does not support the field 'assignee' in JQL.",
    );
    expect(error('project in (OPS, membersOf("x"))')).toBe(
      "The fake Jira does not support the JQL function 'membersOf()' (field 'project').",
    );
    expect(error('project ~ OPS')).toBe("The operator '~' is not supported by the 'project' field.");
    expect(error('project = OPS ORDER BY status')).toBe("Not able to sort using field 'status'.");
    expect(error('key = nokey')).toBe("The issue key 'nokey' for field 'key' is invalid.");
  });
});
