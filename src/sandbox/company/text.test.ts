import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toolCatalogSchema } from '../../model/index.js';
import { DEFAULT_SIZE, generateCompany } from './index.js';
import type { CompanyEntry } from './index.js';
import { WORK_TOPICS } from './text/duplicates.js';
import { SHARED } from './text/shared.js';
import { THEMES } from './text/themes/index.js';
import { ADOPTION, TOOL_CAPABILITIES } from './text/tools.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const entries: CompanyEntry[] = [1, 2].flatMap((seed) => [
  ...generateCompany({ seed, size: DEFAULT_SIZE, now: NOW }).entries(),
]);
const firstSeed = entries.slice(0, DEFAULT_SIZE);
const company = generateCompany({ seed: 1, size: DEFAULT_SIZE, now: NOW });

/** Lower-case words separated by single spaces, padded, so `includes(' word ')` finds whole words. */
const words = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
const textOf = (e: CompanyEntry): string => `${e.ticket.title}\n${e.ticket.description}`;
const isToolPlant = (e: CompanyEntry): boolean => e.truth.tags.some((t) => t.kind === 'tool');

const catalog = toolCatalogSchema.parse(
  parse(readFileSync(new URL('../../../config/tools.yaml', import.meta.url), 'utf8')),
);
/**
 * Catalog names that are also everyday words, used as words here ("a transport planner", "we meet
 * our obligations"); like bearing's matcher, they count as a product only when capitalised.
 */
const EVERYDAY = new Set(['meet', 'segment', 'planner', 'bookings']);

describe('ticket text', () => {
  it('varies: most titles are distinct', () => {
    expect(new Set(firstSeed.map((e) => e.ticket.title)).size / firstSeed.length).toBeGreaterThan(0.6);
    expect(new Set(firstSeed.map((e) => e.ticket.description)).size / firstSeed.length).toBeGreaterThan(0.9);
  });

  it('draws on several hundred phrasings', () => {
    const pools = [...Object.values(THEMES), SHARED, ADOPTION].flatMap((v) =>
      Object.values(v).flatMap((pool) => (typeof pool === 'function' ? [] : pool)),
    );
    const phrasings = pools.length + WORK_TOPICS.reduce((n, t) => n + t.same.length + 1, 0);
    expect(phrasings).toBeGreaterThan(600);
  });

  it('writes descriptions of one to several sentences, some longer', () => {
    const sentences = (s: string): number =>
      s.split(/[.!?:](?:\s|$)/).filter((x) => x.trim().length > 0).length;
    const counts = firstSeed.map((e) => sentences(e.ticket.description));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(counts.filter((n) => n >= 6).length).toBeGreaterThan(firstSeed.length / 20);
    expect(counts.filter((n) => n <= 3).length).toBeGreaterThan(firstSeed.length / 5);
  });

  it('fills every slot, starts titles with a capital and keeps them within the systems\u2019 limits', () => {
    for (const { ticket: t, truth } of entries) {
      expect(`${t.title} ${t.description}`, truth.ref).not.toMatch(/[{}]|undefined|null|NaN/);
      expect(t.title, truth.ref).toMatch(/^([A-Z0-9[]|(prd|stg|uat)-)/);
      // ServiceNow's short_description is 160 characters by default; Jira's summary 255.
      expect(t.title.length, truth.ref).toBeLessThanOrEqual(t.system === 'servicenow' ? 160 : 255);
    }
  });

  it('words unaligned work without any goal keyword', () => {
    const keywords = company.goals.goals.flatMap((g) => g.keywords);
    for (const e of entries.filter((x) => x.truth.goal === 'none')) {
      const text = words(textOf(e));
      expect(
        keywords.filter((k) => text.includes(words(k))),
        e.truth.ref,
      ).toEqual([]);
    }
  });

  it('words text-only goal work with its own goal\u2019s keywords and no other\u2019s', () => {
    for (const e of entries.filter((x) => x.truth.evidence === 'text')) {
      const text = words(textOf(e));
      for (const goal of company.goals.goals) {
        const hits = goal.keywords.filter((k) => text.includes(words(k)));
        if (goal.id === e.truth.goal) expect(hits.length, e.truth.ref).toBeGreaterThan(0);
        else expect(hits, `${e.truth.ref} mentions ${goal.id}`).toEqual([]);
      }
    }
  });

  it('names no catalog tool outside the planted tool tickets', () => {
    const names = catalog.capabilities.flatMap((c) => c.tools.flatMap((t) => [t.name, ...t.aliases]));
    const plain = names
      .filter((n) => !EVERYDAY.has(n.toLowerCase()))
      .map((n) => ({ name: n, key: words(n) }));
    const everyday = names.filter((n) => EVERYDAY.has(n.toLowerCase()));
    for (const e of entries.filter((x) => !isToolPlant(x))) {
      const raw = textOf(e);
      const text = words(raw);
      expect(
        plain.filter((n) => text.includes(n.key)).map((n) => n.name),
        e.truth.ref,
      ).toEqual([]);
      // An everyday word counts as a product only when capitalised inside a sentence.
      const capitalised = everyday.filter((n) => new RegExp(`[a-z,] ${n}\\b`).test(raw));
      expect(capitalised, e.truth.ref).toEqual([]);
    }
  });

  it('names the planted tools as the catalog does, with its standards', () => {
    for (const capability of TOOL_CAPABILITIES) {
      const listed = catalog.capabilities.find((c) => c.id === capability.id);
      expect(listed, capability.id).toBeDefined();
      for (const tool of capability.tools)
        expect(
          listed!.tools.map((t) => t.name),
          capability.id,
        ).toContain(tool);
      expect(listed!.tools.find((t) => t.standard === true)?.name ?? null, capability.id).toBe(
        capability.standard,
      );
    }
    for (const e of entries.filter(isToolPlant)) {
      const tag = e.truth.tags.find((t) => t.kind === 'tool')!;
      const tool = tag.kind === 'tool' ? tag.tool : '';
      const spellings = catalog.capabilities.flatMap((c) => c.tools).find((t) => t.name === tool)!;
      const text = words(textOf(e));
      expect(
        [spellings.name, ...spellings.aliases].some((s) => text.includes(words(s))),
        e.truth.ref,
      ).toBe(true);
    }
  });
});
