import { describe, expect, it } from 'vitest';
import { GOAL_IDS, GOAL_SPECS } from './org.js';
import { THEMES } from './text/themes/index.js';

const words = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
/** The pools a ticket's title is written from; a title must name its goal for text relevance to work. */
const TITLE_POOLS = ['feature', 'task', 'request', 'change', 'initiative', 'system'];

describe('theme vocabularies', () => {
  it('give goals keywords no other goal shares', () => {
    const all = GOAL_SPECS.flatMap((g) => g.keywords);
    expect(new Set(all).size).toBe(all.length);
  });

  it('name their goal in every phrase a title is written from', () => {
    for (const goal of GOAL_IDS) {
      const keywords = GOAL_SPECS.find((g) => g.id === goal)!.keywords.map(words);
      for (const pool of TITLE_POOLS) {
        const entries = THEMES[goal][pool];
        expect(Array.isArray(entries), `${goal}.${pool}`).toBe(true);
        for (const phrase of entries as readonly string[]) {
          expect(
            keywords.some((k) => words(phrase).includes(k)),
            `${goal}.${pool}: ${phrase}`,
          ).toBe(true);
        }
      }
    }
  });

  it('keep every other goal\u2019s keywords out of a goal\u2019s phrases, and all keywords out of the rest', () => {
    for (const [theme, vocabulary] of Object.entries(THEMES)) {
      const foreign = GOAL_SPECS.filter((g) => g.id !== theme).flatMap((g) =>
        g.keywords.map((k) => ({ goal: g.id, k: words(k) })),
      );
      for (const [pool, entries] of Object.entries(vocabulary)) {
        if (typeof entries === 'function') continue;
        for (const phrase of entries) {
          const hits = foreign
            .filter(({ k }) => words(phrase).includes(k))
            .map(({ goal, k }) => `${goal}:${k.trim()}`);
          expect(hits, `${theme}.${pool}: ${phrase}`).toEqual([]);
        }
      }
    }
  });
});
