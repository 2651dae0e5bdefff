import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../model/index.js';
import { workItem } from '../model/testing.js';
import { describeChange, planItem, planWrites } from './plan.js';

const item = (held: WorkItem['held'], updated = '2026-11-20T10:00:00.000Z'): WorkItem =>
  workItem({ key: 'OPS-1', held, updated });
const desired = { score: 80, goal: 'digital-revenue', flags: ['misaligned', 'duplicate-work'] };
const empty = { score: null, goal: null, flags: null };

describe('the write-back plan', () => {
  it('writes every field onto an item that holds nothing yet', () => {
    const change = planItem({ item: item(empty), desired, lastWritten: null });
    expect(change?.fields).toEqual(['score', 'goal', 'flags']);
    expect(change?.values.flags).toEqual(['duplicate-work', 'misaligned']);
  });

  it('writes nothing when the item already holds the values, whatever the flag order', () => {
    const held = { score: 80, goal: 'digital-revenue', flags: ['duplicate-work', 'misaligned'] };
    expect(planItem({ item: item(held), desired, lastWritten: null })).toBeNull();
  });

  it('writes only the field that changed', () => {
    const held = { score: 75, goal: 'digital-revenue', flags: ['duplicate-work', 'misaligned'] };
    expect(planItem({ item: item(held), desired, lastWritten: null })?.fields).toEqual(['score']);
  });

  it('does not repeat a write the pulled snapshot predates (lagging search, or a crash after the write)', () => {
    const lastWritten = { values: desired, at: '2026-11-20T10:05:00.000Z' };
    expect(planItem({ item: item(empty, '2026-11-20T10:00:00.000Z'), desired, lastWritten })).toBeNull();
  });

  it('puts back a value a human overwrote after bearing wrote it', () => {
    const lastWritten = { values: desired, at: '2026-11-20T10:05:00.000Z' };
    const overwritten = { score: 100, goal: 'digital-revenue', flags: ['duplicate-work', 'misaligned'] };
    const change = planItem({ item: item(overwritten, '2026-11-20T11:00:00.000Z'), desired, lastWritten });
    expect(change?.fields).toEqual(['score']);
    expect(change?.restoresOverwrite).toBe(true);
    expect(describeChange(change!)).toEqual(['OPS-1 score: 100 → 80 (restoring an overwrite)']);
  });

  it('counts unchanged items and lists only changes', () => {
    const plan = planWrites([
      { item: item(empty), desired, lastWritten: null },
      {
        item: item({ score: 80, goal: 'digital-revenue', flags: ['misaligned', 'duplicate-work'] }),
        desired,
        lastWritten: null,
      },
    ]);
    expect(plan.changes).toHaveLength(1);
    expect(plan.unchanged).toBe(1);
  });
});
