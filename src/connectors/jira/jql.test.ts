import { describe, expect, it } from 'vitest';
import { isBearingError } from '../../core/errors.js';
import { checkScopeJql, discoveryJql, projectsNamedBy, scopeJql } from './jql.js';

const problem = (jql: string): string => {
  try {
    checkScopeJql(jql);
    return '';
  } catch (error) {
    expect(isBearingError(error) && error.kind).toBe('config');
    return (error as Error).message;
  }
};

describe('the configured JQL', () => {
  it('is refused with a clear message when it orders, is empty or could break out of its parentheses', () => {
    expect(problem('project = OPS ORDER BY created DESC')).toMatch(
      /^jira\.jql: must not contain ORDER BY: bearing orders/,
    );
    expect(problem('  ')).toMatch(/jira\.jql: is empty/);
    expect(problem('project = OPS) OR (project = HR')).toMatch(/a "\)" without its "\("/);
    expect(problem('(project = OPS')).toMatch(/never closed/);
    expect(problem('summary ~ "unclosed')).toMatch(/quote opened at character 11 is never closed/);
  });

  it('may mention "order by" inside a quoted value', () => {
    expect(checkScopeJql(' summary ~ "order by date" ')).toBe('summary ~ "order by date"');
  });
});

describe('projects named by the JQL', () => {
  it('reads top-level project clauses joined by AND, as written', () => {
    expect(projectsNamedBy('project in (SHOP, "Online Ops", 10001) AND labels = x')).toEqual([
      'SHOP',
      'Online Ops',
      '10001',
    ]);
    expect(projectsNamedBy('(project = shop AND status != Done)')).toEqual(['shop']);
    expect(projectsNamedBy('project in (A, B) AND project = b')).toEqual(['B']);
  });

  it('gives up when projects are not restricted at the top level', () => {
    expect(projectsNamedBy('labels = revenue')).toBeNull();
    expect(projectsNamedBy('project = A OR labels = x')).toBeNull();
    expect(projectsNamedBy('project != A')).toBeNull();
    expect(projectsNamedBy('project in projectsLeadByUser()')).toBeNull();
    expect(projectsNamedBy('NOT (project = A)')).toBeNull();
  });
});

describe('scope queries', () => {
  it('wrap the configured JQL, add the project, the window and a stable order', () => {
    expect(scopeJql('labels = x OR labels = y', 'OPS', '2026/11/20 13:28')).toBe(
      '(labels = x OR labels = y) AND project = "OPS" AND updated >= "2026/11/20 13:28" ORDER BY updated ASC, key ASC',
    );
    expect(scopeJql('project = OPS', 'OPS', null)).toBe(
      '(project = OPS) AND project = "OPS" ORDER BY updated ASC, key ASC',
    );
    expect(discoveryJql('labels = x', ['OPS', 'HR'])).toBe('(labels = x) AND project not in ("OPS", "HR")');
  });
});
