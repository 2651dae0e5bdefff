import { describe, expect, it } from 'vitest';
import { duplicateWorkSettingsSchema, type WorkItem } from '../../model/index.js';
import { workItem } from '../effort/index.js';
import { findDuplicateWork } from './find-duplicate-work.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const WINDOW = { now: NOW, windowDays: 28, timeZone: 'UTC' };
const settings = duplicateWorkSettingsSchema.parse({});
const daysAgo = (days: number): string => new Date(NOW - days * 86_400_000).toISOString();

/** Everyday tickets that give the corpus its word statistics; none duplicates another. */
const BACKGROUND: [string, string][] = [
  [
    'VPN disconnects every hour for remote staff',
    'Remote employees lose the VPN tunnel roughly every sixty minutes.',
  ],
  [
    'Laptop refresh for the finance team',
    'Twelve laptops in finance are out of warranty and need replacing.',
  ],
  ['Quarterly access review for SAP', 'Audit asks for the quarterly review of SAP roles and approvals.'],
  ['Printer on floor 3 jams constantly', 'The shared printer near the kitchen jams on every second job.'],
  ['Migrate the wiki to Confluence Cloud', 'Move all spaces and attachments from the old wiki server.'],
  ['Renew the TLS certificate for the intranet', 'The intranet certificate expires at the end of the month.'],
  ['Slack workspace for the Berlin office', 'Set up channels and single sign-on for the new Berlin office.'],
  ['Backup job fails on the HR file share', 'Nightly backups of the HR share stop with a quota error.'],
  ['Onboarding accounts for five new engineers', 'Create mail, Git and Jira accounts for the new hires.'],
  ['Dashboard for warehouse stock levels', 'Operations want a daily dashboard of stock per warehouse.'],
  ['Upgrade PostgreSQL on the reporting cluster', 'Reporting runs PostgreSQL 12, which leaves support soon.'],
  ['Password reset portal is slow', 'Self-service password resets take minutes to load the form.'],
  ['Add dark mode to the mobile app', 'Customers ask for a dark theme in the iOS and Android apps.'],
  ['Invoice PDF shows wrong VAT rate', 'Invoices for Austrian customers print the German VAT rate.'],
  ['Replace the meeting room displays', 'Three meeting rooms have broken wall displays.'],
];

function background(): WorkItem[] {
  return BACKGROUND.map(([title, text], i) =>
    workItem({ key: `BG-${i + 1}`, title, text, created: daysAgo(3) }),
  );
}

const checkoutTimeout = (overrides: Partial<WorkItem> = {}): WorkItem =>
  workItem({
    key: 'SHOP-14',
    title: 'Checkout times out when paying with PayPal',
    text: 'Since Monday the checkout page spins and ends in a gateway timeout when customers pay with PayPal.',
    created: daysAgo(5),
    ...overrides,
  });

const paypalIncident = (overrides: Partial<WorkItem> = {}): WorkItem =>
  workItem({
    key: 'INC0012345',
    uid: 'servicenow:abc123',
    source: 'servicenow',
    ref: 'SN:INC0012345',
    kind: 'incident',
    title: 'PayPal payments time out at checkout',
    text: 'Customers paying with PayPal at checkout get a gateway timeout since Monday.',
    status: 'todo',
    created: daysAgo(4),
    ...overrides,
  });

const refsOf = (items: WorkItem[]): string[][] =>
  findDuplicateWork(items, settings, WINDOW).pairs.map((pair) => [pair.a, pair.b]);

describe('findDuplicateWork', () => {
  it('pairs a Jira issue with a ServiceNow incident describing the same work in other words', () => {
    const result = findDuplicateWork(
      [...background(), checkoutTimeout(), paypalIncident()],
      settings,
      WINDOW,
    );
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]).toMatchObject({ a: 'SHOP-14', b: 'SN:INC0012345' });
    expect(result.pairs[0]?.similarity).toBeGreaterThanOrEqual(settings.threshold);
    expect(result.pairs[0]?.similarity).toBeLessThanOrEqual(1);
    expect(result.flagged).toEqual(new Set(['jira:SHOP-14', 'servicenow:abc123']));
  });

  it('describes the pair in a finding keyed by the two refs in order', () => {
    const { findings } = findDuplicateWork(
      [...background(), paypalIncident(), checkoutTimeout()],
      settings,
      WINDOW,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'duplicate-work',
      key: 'SHOP-14|SN:INC0012345',
      items: ['SHOP-14', 'SN:INC0012345'],
    });
    expect(findings[0]?.summary).toMatch(
      /^SHOP-14 "Checkout times out when paying with PayPal" and SN:INC0012345 .* look like the same work \(\d+% similar; both mention .*paypal/,
    );
  });

  it('does not pair different work on the same system', () => {
    const applePay = workItem({
      key: 'SHOP-20',
      title: 'Offer Apple Pay at checkout',
      text: 'Product wants Apple Pay next to PayPal and cards on the checkout page for mobile customers.',
      created: daysAgo(2),
    });
    const footer = workItem({
      key: 'SHOP-21',
      title: 'Update the legal links in the checkout footer',
      text: 'Legal sent new terms and privacy URLs for the footer of the checkout page.',
      created: daysAgo(2),
    });
    expect(refsOf([...background(), checkoutTimeout(), applePay, footer])).toEqual([]);
  });

  it('skips pairs already linked as duplicates, from either side', () => {
    const linked = checkoutTimeout({ links: [{ type: 'duplicate', target: 'SN:INC0012345' }] });
    expect(refsOf([...background(), linked, paypalIncident()])).toEqual([]);
    const linkedBack = paypalIncident({ links: [{ type: 'duplicate', target: 'SHOP-14' }] });
    expect(refsOf([...background(), checkoutTimeout(), linkedBack])).toEqual([]);
  });

  it('skips parent and child, whether linked or set as parent or epic', () => {
    const child = paypalIncident({ ref: 'SHOP-15', key: 'SHOP-15', uid: 'jira:SHOP-15', source: 'jira' });
    expect(refsOf([...background(), checkoutTimeout(), { ...child, parent: 'SHOP-14' }])).toEqual([]);
    expect(refsOf([...background(), checkoutTimeout(), { ...child, epic: 'SHOP-14' }])).toEqual([]);
    expect(refsOf([...background(), checkoutTimeout({ parent: 'SHOP-15' }), child])).toEqual([]);
    const asChild = checkoutTimeout({ links: [{ type: 'child', target: 'SHOP-15' }] });
    expect(refsOf([...background(), asChild, child])).toEqual([]);
    const related = checkoutTimeout({ links: [{ type: 'relates', target: 'SHOP-15' }] });
    expect(refsOf([...background(), related, child])).toEqual([['SHOP-14', 'SHOP-15']]);
  });

  it('skips a pair when both items are done, but not when one is still open', () => {
    const done = { status: 'done' as const, resolved: daysAgo(1) };
    expect(refsOf([...background(), checkoutTimeout(done), paypalIncident(done)])).toEqual([]);
    expect(refsOf([...background(), checkoutTimeout(done), paypalIncident()])).toEqual([
      ['SHOP-14', 'SN:INC0012345'],
    ]);
  });

  it('skips items created before the window', () => {
    expect(refsOf([...background(), checkoutTimeout({ created: daysAgo(29) }), paypalIncident()])).toEqual(
      [],
    );
    expect(refsOf([...background(), checkoutTimeout({ created: daysAgo(27) }), paypalIncident()])).toEqual([
      ['SHOP-14', 'SN:INC0012345'],
    ]);
  });

  it('reports each item with at most maxPairsPerItem partners, the most similar first', () => {
    const copies = Array.from({ length: 6 }, (_, i) =>
      workItem({
        key: `OPS-${i + 1}`,
        title: 'Disk full on build agent linux-07',
        text: `The build agent linux-07 ran out of disk space again; builds queue up. Report ${i + 1}.`,
        created: daysAgo(1),
      }),
    );
    const limited = duplicateWorkSettingsSchema.parse({ maxPairsPerItem: 1 });
    const { pairs } = findDuplicateWork([...background(), ...copies], limited, WINDOW);
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    expect(pairs.length).toBeLessThan(15);
    for (let i = 1; i < pairs.length; i += 1) {
      expect(pairs[i - 1]!.similarity).toBeGreaterThanOrEqual(pairs[i]!.similarity);
    }
  });

  it('gives the same result in the same order whatever the order of the items', () => {
    const copies = Array.from({ length: 4 }, (_, i) =>
      workItem({
        key: `OPS-${i + 1}`,
        title: 'Disk full on build agent linux-07',
        text: 'Builds queue up.',
        created: daysAgo(1),
      }),
    );
    const items = [...background(), checkoutTimeout(), paypalIncident(), ...copies];
    const forward = findDuplicateWork(items, settings, WINDOW);
    const backward = findDuplicateWork([...items].reverse(), settings, WINDOW);
    expect(backward.pairs).toEqual(forward.pairs);
    expect(backward.findings).toEqual(forward.findings);
    expect(forward.pairs.length).toBeGreaterThan(1);
  });

  it('flags nothing when both thresholds are above every similarity', () => {
    const strict = duplicateWorkSettingsSchema.parse({ threshold: 1, titleThreshold: 1 });
    const incident = paypalIncident({ title: 'PayPal payments time out at checkout since Monday' });
    const result = findDuplicateWork([...background(), checkoutTimeout(), incident], strict, WINDOW);
    expect(result).toEqual({ pairs: [], flagged: new Set(), findings: [] });
  });
});
