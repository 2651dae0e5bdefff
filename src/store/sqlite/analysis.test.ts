import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../analysis-blocks.js';

describe('compareCodePoints', () => {
  it('sorts uids exactly as SQLite orders TEXT, characters beyond U+FFFF included', () => {
    const uids = [
      'jira:10',
      'jira:9',
      'jira:100',
      'jira:',
      'jira:\u{1F680}',
      'jira:\uFFFD',
      'jira:\uE000',
      'JIRA:1',
      'jira:é',
    ];
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (u TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (const u of uids) insert.run(u);
    const sqlite = db
      .prepare('SELECT u FROM t ORDER BY u')
      .all()
      .map((r) => r.u);
    db.close();

    expect([...uids].sort(compareCodePoints)).toEqual(sqlite);
    expect([...uids].sort()).not.toEqual(sqlite);
  });
});
