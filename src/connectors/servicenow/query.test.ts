import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../core/errors.js';
import { checkConfigQuery, inQuery, windowQuery } from './query.js';

describe('the window query', () => {
  it('has no lower edge on a first pull, and a half-open upper edge', () => {
    expect(windowQuery({ after: null, before: '2026-11-20 12:00:00', extra: undefined })).toBe(
      'sys_updated_on<2026-11-20 12:00:00^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
  });

  it('pages by keyset with ^NQ, not ^OR, and ANDs the config query into both branches', () => {
    const query = windowQuery({
      after: { updatedOn: '2026-11-02 10:00:00', sysId: 'c'.repeat(32) },
      before: '2026-11-20 12:00:00',
      extra: 'active=true^ORpriority=1',
    });
    expect(query).toBe(
      'sys_updated_on>2026-11-02 10:00:00^sys_updated_on<2026-11-20 12:00:00^active=true^ORpriority=1' +
        `^NQsys_updated_on=2026-11-02 10:00:00^sys_id>${'c'.repeat(32)}^sys_updated_on<2026-11-20 12:00:00^active=true^ORpriority=1` +
        '^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
  });

  it('reads from the cursor time on, inclusive, when the cursor has no id', () => {
    expect(
      windowQuery({
        after: { updatedOn: '2026-11-02 10:00:00', sysId: null },
        before: 'X',
        extra: undefined,
      }),
    ).toBe('sys_updated_on>=2026-11-02 10:00:00^sys_updated_on<X^ORDERBYsys_updated_on^ORDERBYsys_id');
  });
});

describe('the config query check', () => {
  const rejected = (query: string): string => {
    try {
      checkConfigQuery(query);
    } catch (error) {
      expect(isConfigError(error) || (error as { kind?: string }).kind === 'config').toBe(true);
      return (error as Error).message;
    }
    throw new Error(`accepted "${query}"`);
  };

  it('refuses ^NQ, ORDERBY and a leading OR term, saying why', () => {
    expect(rejected('active=true^NQpriority=1')).toMatch(/servicenow\.query must not contain \^NQ/);
    expect(rejected('NQpriority=1')).toMatch(/\^NQ/);
    expect(rejected('active=true^ORDERBYDESCnumber')).toMatch(/ORDERBY/);
    expect(rejected('ORpriority=1')).toMatch(/must not start with an OR term/);
  });

  it('keeps OR terms inside the query, literal carets, and drops empty terms and a list view’s ^EQ', () => {
    expect(checkConfigQuery('^active=true^ORpriority=1^EQ')).toBe('active=true^ORpriority=1');
    expect(checkConfigQuery('short_descriptionLIKEa^^b')).toBe('short_descriptionLIKEa^^b');
    expect(checkConfigQuery(undefined)).toBeUndefined();
    expect(checkConfigQuery('^EQ')).toBeUndefined();
  });
});

describe('IN lists', () => {
  it('joins plain ids and refuses a value that would break the list', () => {
    expect(inQuery('sys_id', ['a1', 'b2'])).toBe('sys_idINa1,b2');
    expect(() => inQuery('sys_id', ['a1,b2'])).toThrow(/not a plain id/);
    expect(() => inQuery('sys_id', ['a^NQb'])).toThrow(/not a plain id/);
  });
});
