import { describe, expect, it } from 'vitest';
import type { SearchDocument } from './corpus.js';
import { SearchIndex, type SearchOptions } from './search-index.js';

const options: SearchOptions = {
  fieldWeights: { title: 3, text: 1, tags: 0.5 },
  maxTextChars: 2000,
  lookupTerms: 8,
  candidates: 10,
};

const doc = (title: string, text = '', tags: string[] = []): SearchDocument => ({ title, text, tags });

const DOCS: SearchDocument[] = [
  doc('Checkout times out when paying with PayPal', 'Gateway timeout on the checkout page since Monday.'),
  doc('VPN drops every hour', 'Remote staff lose the tunnel every sixty minutes.'),
  doc('PayPal payments time out at checkout', 'Customers get a gateway timeout paying with PayPal.'),
  doc('Printer on floor 3 jams', 'The printer jams on every second job.'),
  doc('Renew the intranet certificate', 'The TLS certificate of the intranet expires soon.'),
  doc('Laptop refresh for finance', 'Twelve laptops are out of warranty.'),
  doc('Printer on floor 3 jams', 'The printer jams on every second job.'),
];

describe('SearchIndex', () => {
  const index = new SearchIndex(DOCS, options);

  it('ranks the paraphrase of a ticket first', () => {
    expect(index.neighbours(0, 3)[0]?.doc).toBe(2);
    expect(index.neighbours(2, 3)[0]?.doc).toBe(0);
  });

  it('scores identical documents 1, unrelated ones 0, and is symmetric', () => {
    expect(index.similarity(3, 6)).toBeCloseTo(1, 5);
    expect(index.similarity(1, 5)).toBe(0);
    expect(index.similarity(0, 2)).toBeCloseTo(index.similarity(2, 0), 6);
    expect(index.similarity(0, 2)).toBeGreaterThan(0.3);
  });

  it('finds the documents above a threshold, best first, with what `accept` allows', () => {
    expect(index.above(3, 0.9).map((hit) => hit.doc)).toEqual([6]);
    expect(index.above(3, 0.9, () => false)).toEqual([]);
    expect(index.above(1, 0.1)).toEqual([]);
  });

  it('ranks as many documents as asked, even beyond its candidate count', () => {
    const printers = ['printer jams', 'printer toner', 'printer paper', 'printer driver', 'vpn drops'];
    const narrow = new SearchIndex(
      printers.map((title) => doc(title)),
      { ...options, candidates: 1 },
    );
    expect(narrow.neighbours(0, 1)).toHaveLength(1);
    expect(narrow.neighbours(0, 5)).toHaveLength(3);
  });

  it('never returns the document itself', () => {
    for (let d = 0; d < DOCS.length; d += 1) {
      expect(index.neighbours(d, 10).map((hit) => hit.doc)).not.toContain(d);
      expect(index.above(d, 0).map((hit) => hit.doc)).not.toContain(d);
    }
  });

  it('names the shared terms that weigh most', () => {
    expect(index.sharedTerms(0, 2, 5)).toEqual(expect.arrayContaining(['paypal', 'checkout']));
    expect(index.sharedTerms(1, 5, 3)).toEqual([]);
  });

  it('weighs a word in the title above the same word in the text', () => {
    const titled = new SearchIndex(
      [doc('printer', 'kitchen'), doc('kitchen', 'printer'), doc('printer'), doc('office'), doc('desk')],
      options,
    );
    expect(titled.similarity(0, 2)).toBeGreaterThan(titled.similarity(1, 2));
  });

  it('handles documents without any words', () => {
    const sparse = new SearchIndex([doc(''), doc('!!!'), doc('printer jams'), doc('printer jams')], options);
    expect(sparse.neighbours(0, 3)).toEqual([]);
    expect(sparse.similarity(0, 2)).toBe(0);
    expect(sparse.above(2, 0.5).map((hit) => hit.doc)).toEqual([3]);
  });
});
