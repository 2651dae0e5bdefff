import { describe, expect, it } from 'vitest';
import { parseEncodedQuery } from './query.js';

describe('parseEncodedQuery', () => {
  it('binds ^OR tighter than ^: a^b^ORc is a AND (b OR c)', () => {
    const q = parseEncodedQuery('active=true^priority=1^ORpriority=2');
    expect(q.queries).toEqual([
      [
        [{ field: 'active', op: '=', value: 'true' }],
        [
          { field: 'priority', op: '=', value: '1' },
          { field: 'priority', op: '=', value: '2' },
        ],
      ],
    ]);
  });

  it('splits ^NQ into separate queries and collects ORDERBY terms from anywhere', () => {
    const q = parseEncodedQuery(
      'sys_updated_on>2026-01-01 00:00:00^ORDERBYsys_updated_on^NQsys_updated_on=2026-01-01 00:00:00^sys_id>abc^ORDERBYDESCsys_id',
    );
    expect(q.queries).toHaveLength(2);
    expect(q.queries[1]).toEqual([
      [{ field: 'sys_updated_on', op: '=', value: '2026-01-01 00:00:00' }],
      [{ field: 'sys_id', op: '>', value: 'abc' }],
    ]);
    expect(q.orderBy).toEqual([
      { field: 'sys_updated_on', desc: false },
      { field: 'sys_id', desc: true },
    ]);
  });

  it('reads multi-word and longest operators first', () => {
    const ops = parseEncodedQuery(
      'a>=1^b<=2^c!=3^dNOT IN4,5^eIN6^fNOT LIKEx^gLIKEy^hSTARTSWITHz^iENDSWITHw^jISEMPTY^kISNOTEMPTY',
    ).queries[0]?.map((t) => t[0]?.op);
    expect(ops).toEqual([
      '>=',
      '<=',
      '!=',
      'NOT IN',
      'IN',
      'NOT LIKE',
      'LIKE',
      'STARTSWITH',
      'ENDSWITH',
      'ISEMPTY',
      'ISNOTEMPTY',
    ]);
  });

  it('keeps a doubled caret as a literal caret and skips ^EQ', () => {
    const q = parseEncodedQuery('short_descriptionLIKEa^^b^EQ');
    expect(q.queries).toEqual([[[{ field: 'short_description', op: 'LIKE', value: 'a^b' }]]]);
  });

  it('reports terms without a known operator instead of guessing', () => {
    const q = parseEncodedQuery('priorityBANANA3^active=true');
    expect(q.unparsed).toEqual(['priorityBANANA3']);
    expect(q.queries[0]).toHaveLength(1);
  });
});
