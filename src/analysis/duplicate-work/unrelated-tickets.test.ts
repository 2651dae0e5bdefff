import { describe, expect, it } from 'vitest';
import { duplicateWorkSettingsSchema, type WorkItem } from '../../model/index.js';
import { workItem } from '../effort/index.js';
import { findDuplicateWork } from './find-duplicate-work.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const WINDOW = { now: NOW, windowDays: 28, timeZone: 'UTC' };
const settings = duplicateWorkSettingsSchema.parse({});
const daysAgo = (days: number): string => new Date(NOW - days * 86_400_000).toISOString();

const WORDS = (
  'server network printer laptop account password invoice report dashboard backup database cluster ' +
  'portal mobile app certificate office warehouse stock payroll vendor contract license audit review ' +
  'migration upgrade outage latency login email calendar meeting budget forecast release deploy ' +
  'pipeline build test monitor alert disk memory cpu firewall proxy vpn wifi badge door camera phone ' +
  'headset keyboard mouse chair desk'
).split(' ');

/** Everyday tickets of random words from a fixed seed: they share words, never a title. */
function unrelated(count: number, seed: number, prefix: string): WorkItem[] {
  let state = seed;
  const word = (): string => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return WORDS[state % WORDS.length] as string;
  };
  const words = (n: number): string => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: count }, (_, i) =>
    workItem({ key: `${prefix}-${i + 1}`, title: words(5), text: words(25), created: daysAgo(1 + (i % 20)) }),
  );
}

/** One request filed fifty times, one copy in ten still open: every copy is duplicate work. */
const COPIES = Array.from({ length: 50 }, (_, i) =>
  workItem({
    key: `GRP-${i + 1}`,
    title: 'Provision a laptop for the new starter in payroll',
    text: `Please provision a laptop with the standard image for the new payroll starter${i % 3 === 0 ? ' next week' : ''}.`,
    status: i % 10 === 0 ? 'todo' : 'done',
    created: daysAgo(2),
  }),
);

function copiesResult(items: WorkItem[]): { flagged: string[]; pairs: string[] } {
  const result = findDuplicateWork(items, settings, WINDOW);
  return {
    flagged: [...result.flagged].filter((uid) => uid.startsWith('jira:GRP-')).sort(),
    pairs: result.pairs
      .filter((p) => p.a.startsWith('GRP-') && p.b.startsWith('GRP-'))
      .map((p) => `${p.a} ${p.b}`),
  };
}

describe('duplicate work on copies of one ticket', () => {
  const background = unrelated(300, 3, 'BG');
  const before = copiesResult([...background, ...COPIES]);

  it('flags every copy while one of them is open', () => {
    expect(before.flagged).toHaveLength(COPIES.length);
  });

  const changes: [string, WorkItem[]][] = [];
  for (let n = 1; n <= 8; n += 1) {
    const arriving = unrelated(3, 100 + n, `NEW${n}`);
    changes.push([`three unrelated tickets arrive (${n})`, [...background, ...arriving]]);
    changes.push([`three unrelated tickets leave (${n})`, background.filter((_, i) => i % 97 !== n)]);
  }

  it.each(changes)('keeps the same flags and pairs when %s', (_change, others) => {
    const after = copiesResult([...others, ...COPIES]);
    expect(after.flagged).toEqual(before.flagged);
    expect(after.pairs).toEqual(before.pairs);
  });
});
