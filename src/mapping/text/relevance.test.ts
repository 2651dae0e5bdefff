import { describe, expect, it } from 'vitest';
import { mappingSettingsSchema } from '../../model/index.js';
import { TextRelevance } from './relevance.js';

const settings = mappingSettingsSchema.parse({}).text;
const goals = [
  { name: 'Grow digital revenue', keywords: ['checkout', 'payment', 'pricing'] },
  { name: 'Reduce operating cost', keywords: ['automation', 'cloud spend', 'licence'] },
  { name: 'Improve customer experience', keywords: ['point of sale', 'support', 'payment'] },
];
const relevance = new TextRelevance(goals, settings);
const item = (title: string, text = ''): { title: string; text: string } => ({ title, text });
const filler = 'The nightly export job writes the warehouse tables for finance reporting and archives them. ';

describe('TextRelevance', () => {
  it('matches inflected forms of a keyword (stemming)', () => {
    const match = relevance.match(item('Payments fail for prices in EUR'));
    expect(match.best).toBe(0);
    expect(relevance.mentions(item('Payments fail for prices in EUR'))[0]?.words).toEqual([
      'pricing',
      'payment',
    ]);
  });

  it('ignores stop words, so "the" and "for" match nothing', () => {
    expect(relevance.match(item('The thing for which we were there')).best).toBe(-1);
  });

  it('ranks a checkout page title above a passing mention of checkout in a long text', () => {
    const page = relevance.match(item('Checkout page shows the wrong total'));
    const passing = relevance.match(
      item('Export job is slow', `${filler.repeat(12)}It also runs near checkout.`),
    );
    expect(page.best).toBe(0);
    expect(passing.best).toBe(0);
    expect(page.bestRelevance).toBeGreaterThan(passing.bestRelevance);
    expect(page.bestRelevance).toBeGreaterThanOrEqual(0.5);
    expect(passing.bestRelevance).toBeLessThan(0.45);
  });

  it('counts more goal words as more relevance, saturating below 1', () => {
    const one = relevance.match(item('Checkout errors')).bestRelevance;
    const three = relevance.match(
      item('Checkout errors after the pricing change broke payments'),
    ).bestRelevance;
    expect(three).toBeGreaterThan(one);
    expect(three).toBeLessThan(1);
  });

  it('matches a multi-word keyword only as the phrase', () => {
    expect(relevance.match(item('New point of sale terminals')).best).toBe(2);
    expect(relevance.match(item('Point the DNS to the new sale site')).best).toBe(-1);
    expect(relevance.match(item('Cloud spend dashboard')).best).toBe(1);
  });

  it('counts a word shared by two goals half for each', () => {
    const shared = relevance.match(item('Payment'));
    const own = relevance.match(item('Checkout'));
    expect(shared.best).toBe(0);
    expect(shared.second).toBe(2);
    expect(shared.bestRelevance).toBeCloseTo(shared.secondRelevance, 10);
    expect(own.bestRelevance).toBeGreaterThan(shared.bestRelevance);
  });

  it('uses the words of a goal name, less than keywords, and not its words of ambition', () => {
    expect(relevance.match(item('Revenue dashboard')).best).toBe(0);
    expect(relevance.match(item('Revenue dashboard')).bestRelevance).toBeLessThan(
      relevance.match(item('Checkout dashboard')).bestRelevance,
    );
    expect(relevance.match(item('Improve and reduce and grow')).best).toBe(-1);
  });

  it('gives the same answer for the same item however often it is asked', () => {
    const text = item('Checkout and licence', 'automation of payment support');
    const first = relevance.match(text);
    relevance.match(item('something else entirely'));
    expect(relevance.match(text)).toEqual(first);
  });
});
