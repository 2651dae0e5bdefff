import { describe, expect, it } from 'vitest';
import { scoringSettingsSchema, type Flag, type GoalTag } from '../../model/index.js';
import { jiraItem, snItem } from '../../mapping/testing.js';
import { createScoringContext, scoreItem } from './index.js';

const settings = scoringSettingsSchema.parse({});
const rates = {
  hoursPerPoint: 4,
  defaultHours: { issue: 4, epic: 4, incident: 2, request: 1, change: 4, demand: 8, project: 40 },
};
const context = createScoringContext(
  [
    { id: 'digital-revenue', rank: 1 },
    { id: 'operating-cost', rank: 2 },
    { id: 'customer-experience', rank: 3 },
  ],
  rates,
);
const item = jiraItem('SHOP-1', { priority: 3 });
const tag = (goal: string, confidence = 0.9): Pick<GoalTag, 'goal' | 'confidence'> => ({ goal, confidence });
const score = (goal: string, confidence = 0.9, flags: Flag[] = [], of = item) =>
  scoreItem(of, tag(goal, confidence), flags, context, settings);
const partOf = (s: ReturnType<typeof score>, name: string) => s.parts.find((p) => p.name === name);

describe('scoreItem', () => {
  it('is an integer from 0 to 100 whose parts add up to it', () => {
    const s = score('digital-revenue', 0.9, ['duplicate-work']);
    expect(Number.isInteger(s.score)).toBe(true);
    expect(s.score).toBe(Math.round(100 * s.parts.reduce((sum, p) => sum + p.value * p.weight, 0)));
    expect(s.parts.map((p) => p.name)).toEqual([
      'strategic fit',
      'value',
      'risk',
      'effort',
      'duplicate-work',
    ]);
  });

  it('rates a higher-ranked goal as a better fit and a higher score', () => {
    const fits = ['digital-revenue', 'operating-cost', 'customer-experience'].map((g) => score(g));
    expect(fits.map((s) => partOf(s, 'strategic fit')?.value)).toEqual([
      1 * (0.5 + 0.5 * 0.9),
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(fits[0]!.score).toBeGreaterThan(fits[1]!.score);
    expect(fits[1]!.score).toBeGreaterThan(fits[2]!.score);
  });

  it('gives run work a middle fit: below every goal, well above no goal', () => {
    const run = partOf(score('run'), 'strategic fit')?.value ?? 0;
    expect(run).toBeLessThan(partOf(score('customer-experience'), 'strategic fit')?.value ?? 0);
    expect(run).toBeGreaterThan(0.3);
    expect(partOf(score('none', 0), 'strategic fit')?.value).toBe(0);
  });

  it('fits better the surer the mapping is', () => {
    expect(score('digital-revenue', 0.95).score).toBeGreaterThan(score('digital-revenue', 0.4).score);
  });

  it('takes points off for each flag', () => {
    const clean = score('digital-revenue').score;
    const one = score('digital-revenue', 0.9, ['request-pressure']).score;
    const two = score('digital-revenue', 0.9, ['request-pressure', 'duplicate-tool']).score;
    expect(clean - one).toBe(10);
    expect(two).toBeLessThan(one);
    expect(
      score('none', 0, ['misaligned', 'duplicate-work', 'duplicate-tool', 'request-pressure']).score,
    ).toBe(0);
  });

  it('values urgent, high-impact work more', () => {
    const low = snItem('INC1', 'incident', { kind: 'incident', priority: 4, impact: 3 });
    const high = snItem('INC2', 'incident', { kind: 'incident', priority: 1, impact: 1 });
    expect(score('run', 0.9, [], high).score).toBeGreaterThan(score('run', 0.9, [], low).score);
    expect(partOf(score('run', 0.9, [], high), 'risk')?.note).toBe('5.0 of 5: incident, impact 1');
  });

  it('rates small work above large work', () => {
    const small = jiraItem('SHOP-2', { effort: { value: 1, unit: 'points' } });
    const large = jiraItem('SHOP-3', { effort: { value: 40, unit: 'points' } });
    expect(partOf(score('digital-revenue', 0.9, [], small), 'effort')?.note).toBe('5.0 of 5: 4 hours');
    expect(partOf(score('digital-revenue', 0.9, [], large), 'effort')?.note).toBe('1.0 of 5: 160 hours');
  });

  it('is deterministic and lists flags once, in their usual order', () => {
    const a = score('operating-cost', 0.7, ['misaligned', 'duplicate-tool', 'misaligned']);
    expect(a).toEqual(score('operating-cost', 0.7, ['misaligned', 'duplicate-tool', 'misaligned']));
    expect(a.flags).toEqual(['duplicate-tool', 'misaligned']);
  });

  it('treats a goal missing from goals.yaml as no goal', () => {
    expect(partOf(score('retired-goal'), 'strategic fit')?.note).toBe('1.0 of 5: tied to no goal');
  });

  it('follows the weights and penalties in the settings', () => {
    const fitOnly = scoringSettingsSchema.parse({
      weights: { fit: 1, value: 0, risk: 0, effort: 0 },
      penalties: { misaligned: 50 },
    });
    const s = scoreItem(item, tag('digital-revenue', 1), ['misaligned'], context, fitOnly);
    expect(s.score).toBe(50);
    expect(() => scoringSettingsSchema.parse({ weights: { fit: 0.9 } })).toThrow(/add up to 1/);
  });
});
