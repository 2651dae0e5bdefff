import { describe, expect, it } from 'vitest';
import { duplicateWorkSettingsSchema, type WorkItem } from '../../model/index.js';
import { workItem } from '../effort/index.js';
import { findDuplicateWork } from './find-duplicate-work.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const WINDOW = { now: NOW, windowDays: 28, timeZone: 'UTC' };
const settings = duplicateWorkSettingsSchema.parse({});

/** Everyday tickets that give the corpus its word statistics. */
const BACKGROUND = [
  'VPN disconnects every hour for remote staff',
  'Laptop refresh for the finance team',
  'Printer on floor 3 jams constantly',
  'Migrate the wiki to Confluence Cloud',
  'Backup job fails on the HR file share',
  'Dashboard for warehouse stock levels',
  'Upgrade PostgreSQL on the reporting cluster',
  'Invoice PDF shows wrong VAT rate',
  'Replace the meeting room displays',
  'Onboarding accounts for five new engineers',
].map((title, i) => workItem({ key: `BG-${i + 1}`, title, text: title, created: '2026-11-18T09:00:00Z' }));

let next = 0;
const ticket = (title: string, text: string): WorkItem =>
  workItem({ key: `OPS-${(next += 1)}`, title, text, created: '2026-11-17T09:00:00Z' });

const pairsOf = (...items: WorkItem[]): string[][] =>
  findDuplicateWork([...BACKGROUND, ...items], settings, WINDOW).pairs.map((p) => [p.a, p.b]);

describe('duplicate work decided by titles', () => {
  it('does not pair one recurring task done for two departments', () => {
    const hr = ticket(
      'Complete the SOX user access review for HR',
      'The quarterly SOX user access review is due; export the access list and get sign-off.',
    );
    const marketing = ticket(
      'Complete the SOX user access review for marketing',
      'The quarterly SOX user access review is due; export the access list and get sign-off.',
    );
    expect(pairsOf(hr, marketing)).toEqual([]);
  });

  it('does not pair two promotion codes with the same fault', () => {
    const summer = ticket(
      'Checkout rejects discount code SUMMER41 for reduced products',
      'The code fails in checkout as soon as a reduced product is in the basket.',
    );
    const spring = ticket(
      'Checkout rejects discount code SPRING10 for reduced products',
      'The code fails in checkout as soon as a reduced product is in the basket.',
    );
    expect(pairsOf(summer, spring)).toEqual([]);
  });

  it('does not pair a piece of work with its follow-up release or a sub-task of it', () => {
    const first = ticket(
      'Build queue alerts from footfall sensors',
      'Alert store managers when queues grow.',
    );
    const v2 = ticket('Queue alerts from footfall sensors (v2)', 'Alert store managers when queues grow.');
    const qa = ticket(
      'QA sign-off: queue alerts from footfall sensors',
      'Alert store managers when queues grow.',
    );
    expect(pairsOf(first, v2, qa)).toEqual([]);
  });

  it('pairs tickets with the same title however different their descriptions', () => {
    const epic = ticket(
      'Footfall insight for stores',
      'Scope: people counters at the entrances; a weekly dashboard per area. Success measure: conversion per visitor.',
    );
    const demand = ticket(
      'Footfall insight for stores',
      'Business need: area managers staff stores by guesswork. Expected benefit: fewer queues at weekends.',
    );
    expect(pairsOf(epic, demand)).toEqual([[epic.ref, demand.ref]]);
  });

  it('pairs titles that differ only in the verb they open with or an urgency marker', () => {
    const add = ticket(
      'Add pricing rules for end-of-line products',
      'Trading wants end-of-line prices managed.',
    );
    const provide = ticket(
      'URGENT: Provide pricing rules for end-of-line products',
      'End-of-line products need their own pricing rules before the sale.',
    );
    expect(pairsOf(add, provide)).toEqual([[add.ref, provide.ref]]);
  });

  it('pairs a paraphrase whose titles differ only in another form of a word', () => {
    const a = ticket(
      'Checkout times out when paying with PayPal',
      'Since Monday checkout ends in a gateway timeout when customers pay with PayPal.',
    );
    const b = ticket(
      'PayPal payments time out at checkout',
      'Customers paying with PayPal at checkout get a gateway timeout since Monday.',
    );
    expect(pairsOf(a, b)).toEqual([[a.ref, b.ref]]);
  });
});

describe('duplicate work told apart by meaning, not only words', () => {
  it('pairs an initiative with its delivery project, but not with its follow-up release', () => {
    const demand = ticket(
      'Footfall insight for stores',
      'Business need: area managers staff stores by guesswork.',
    );
    const project = ticket(
      'Footfall insight for stores: delivery',
      'Milestones: people counters fitted in the pilot stores.',
    );
    const v2 = ticket(
      'Footfall insight for stores (v2)',
      'Business need: area managers staff stores by guesswork.',
    );
    expect(pairsOf(demand, project, v2)).toEqual([[demand.ref, project.ref]]);
  });

  it('pairs tickets that differ only in how many things they count, not in which thing they name', () => {
    const text = 'Finance needs the signed certificate for the audit of the old data centre.';
    const many = ticket('A decommission certificate for 71 servers', text);
    const few = ticket('A decommission certificate for 4 servers', text);
    expect(pairsOf(many, few)).toEqual([[many.ref, few.ref]]);

    const freeze = 'The till freezes whenever a customer pays by card and needs a restart.';
    const tillOne = ticket('Till 1 at store 0101 freezes during card payments', freeze);
    const tillTwo = ticket('Till 2 at store 0101 freezes during card payments', freeze);
    expect(pairsOf(tillOne, tillTwo)).toEqual([]);
  });

  it('tells loyalty members apart by their eight-digit numbers', () => {
    const text = 'The member shopped in store last week and no loyalty points appeared on the account.';
    const one = ticket('Loyalty member 40000000 missing points for a store purchase', text);
    const other = ticket('Loyalty member 40100003 missing points for a store purchase', text);
    expect(pairsOf(one, other)).toEqual([]);
  });

  it('pairs a paraphrase whose title shares most words with the other in another order', () => {
    const a = ticket(
      'Till 1 at store 0101 freezes during card payments',
      'Till 1 at store 0101 freezes whenever a customer pays by card. It needs a restart every time.',
    );
    const b = ticket(
      'Store 0101: till 1 locks up when customers pay by card',
      'Store 0101 says till 1 hangs on card payments; colleagues power-cycle it. Queues are building.',
    );
    expect(pairsOf(a, b)).toEqual([[a.ref, b.ref]]);
  });

  it('does not pair a piece of work with its next phase', () => {
    const text = 'Suppliers book a slot at the dock; the warehouse sees the day ahead.';
    const first = ticket('Introduce dock scheduling for inbound suppliers', text);
    const phase2 = ticket('Dock scheduling for inbound suppliers (phase 2)', text);
    expect(pairsOf(first, phase2)).toEqual([]);
  });

  it('does not pair one fault reported for two different systems', () => {
    const fault = 'Since the font change the page layout breaks: columns overlap and the logo is cut off.';
    const canteen = ticket('The canteen menu page loses its layout after the font change', fault);
    const bulletin = ticket('The IT bulletin generator loses its layout after the font change', fault);
    expect(pairsOf(canteen, bulletin)).toEqual([]);
  });

  it('pairs two wordings of one problem that name the same labelled thing', () => {
    const a = ticket(
      'Wrong online price for SKU 100000',
      'The website shows a lower price for SKU 100000 than the shelf labels in stores; the pricing feed looks stale.',
    );
    const b = ticket(
      'SKU 100000 cheaper on the website than in stores - stale pricing feed?',
      'Customers ask why SKU 100000 costs less online. Is the feed to the web shop out of date?',
    );
    const other = ticket(
      'Delist SKU 100000 from replenishment, end of range',
      'Buying has ended the range; stop ordering SKU 100000 and clear the remaining stock.',
    );
    expect(pairsOf(a, b, other)).toEqual([[a.ref, b.ref]]);
  });
});
