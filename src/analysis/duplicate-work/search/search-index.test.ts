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
    const all = index.sharedTerms(0, 2, 50);
    expect(all.length).toBeGreaterThan(2);
    for (let limit = 1; limit < all.length; limit += 1)
      expect(index.sharedTerms(0, 2, limit)).toEqual(all.slice(0, limit));
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

describe('SearchIndex reading IT paraphrases', () => {
  const index = new SearchIndex(
    [
      ...DOCS,
      doc(
        'Decommission prd-web-01 after the rehost to the landing zone',
        'prd-web-01 was rehosted last month. Wipe its disks.',
      ),
      doc(
        'prd-web-01 no longer needed after rehosting - switch off and remove from the data centre',
        'Since the rehosting prd-web-01 only serves health checks. Power it down and update the CMDB.',
      ),
      doc('Rehost prd-web-01 to the landing zone', 'prd-web-01 is in the next wave; plan the cut-over.'),
      doc('Label printer LP-1000 prints carrier labels off-centre', 'Barcodes get cut off.'),
      doc('Carrier labels from printer LP-1000 are misaligned', 'Carriers cannot scan the barcodes.'),
    ],
    options,
  );
  const [decommission, paraphrase, rehost, offCentre, misaligned] = [7, 8, 9, 10, 11];

  it('reads "no longer needed", "switch off" and "power down" as decommissioning', () => {
    expect(index.sharedTerms(decommission, paraphrase, 10)).toContain('decommission');
    expect(index.sharedTerms(decommission, rehost, 10)).not.toContain('decommission');
  });

  it('reads a hyphenated synonym as one word, without its parts', () => {
    expect(index.sharedTerms(offCentre, misaligned, 10)).toContain('misalign');
    expect(index.sharedTerms(offCentre, misaligned, 10)).not.toContain('centre');
  });

  it('still tells decommissioning a host from rehosting it by their titles', () => {
    expect(index.compareTitles(decommission, rehost).contrast).toBe(true);
  });
});

describe('SearchIndex sizes', () => {
  it('finds the same neighbours whether its expected size was far too small or generous', () => {
    const small = new SearchIndex(DOCS, options, { documents: 1, entries: 1 });
    const large = new SearchIndex(DOCS, options, { documents: 1000, entries: 100_000 });
    for (let doc = 0; doc < DOCS.length; doc += 1) {
      expect(small.above(doc, 0.1)).toEqual(large.above(doc, 0.1));
      expect(small.neighbours(doc, 3)).toEqual(large.neighbours(doc, 3));
    }
    expect(small.above(3, 0.9).map((hit) => hit.doc)).toEqual([6]);
  });
});
