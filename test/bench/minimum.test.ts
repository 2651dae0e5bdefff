import { describe, expect, it } from 'vitest';
import {
  bulkEditMinimum,
  jiraPullMinimum,
  serviceNowPullMinimum,
  type FieldValues,
} from '../../bench/lib/minimum.js';

describe('the benchmarks’ minimum call counts', () => {
  it('a Jira pull of labelled issues needs one content page per 100 issues of each scope', () => {
    // ids + bulkfetch at 100 would be 20 + 1,000 for the first scope: content search is cheaper.
    expect(jiraPullMinimum([100_000, 250, 0])).toBe(1000 + 3 + 1);
  });

  it('a Jira pull of single-valued fields only is cheaper through ids-only pages and bulkfetch', () => {
    // 1,000,000 issues: 200 ids pages + 1,000 bulkfetches, against 10,000 content pages.
    expect(jiraPullMinimum([1_000_000], true)).toBe(1200);
    // A small scope still costs one search.
    expect(jiraPullMinimum([40], true)).toBe(1);
  });

  it('a ServiceNow pull needs one keyset page per page size of each table, and one for an empty table', () => {
    expect(serviceNowPullMinimum([10_000, 10_001, 0], 1000)).toBe(10 + 11 + 1);
  });

  it('a Jira write-back needs one bulk edit per field, value and 1,000 issues', () => {
    const writes: FieldValues[] = [];
    // 2,500 items with score 7, goal a, no flags; 10 with score 8, goal a, flags b+a.
    for (let i = 0; i < 2500; i++) writes.push({ score: 7, goal: 'a', flags: [] });
    for (let i = 0; i < 10; i++) writes.push({ score: 8, goal: 'a', flags: i % 2 ? ['b', 'a'] : ['a', 'b'] });
    // score 7: 3, score 8: 1; goal a (2,510): 3; flags none: 3, flags a,b (order ignored): 1.
    expect(bulkEditMinimum(writes)).toBe(3 + 1 + 3 + 3 + 1);
  });

  it('a write of one field counts only that field’s groups', () => {
    const writes: FieldValues[] = [
      { score: 1, goal: 'a', flags: [], fields: ['score'] },
      { score: 2, goal: 'a', flags: [], fields: ['score'] },
      { score: 2, goal: 'b', flags: [], fields: ['goal'] },
    ];
    expect(bulkEditMinimum(writes)).toBe(3);
  });
});
