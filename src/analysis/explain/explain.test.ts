import { describe, expect, it } from 'vitest';
import { scoringSettingsSchema, type GoalTag } from '../../model/index.js';
import { createGoalMapper } from '../../mapping/index.js';
import { acmeGoals, defaultMappingSettings, jiraItem } from '../../mapping/testing.js';
import { createScoringContext, scoreItem } from '../scoring/index.js';
import { explainItem } from './index.js';

const goals = acmeGoals();
const rates = {
  hoursPerPoint: 4,
  defaultHours: { issue: 4, epic: 4, incident: 2, request: 1, change: 4, demand: 8, project: 40 },
};
const names = new Map(goals.goals.map((g) => [g.id, g.name]));

function explain(
  item = jiraItem('DATA-7', { components: ['Portal'], labels: ['revenue'], title: 'New portal login' }),
) {
  const tag = createGoalMapper(goals, defaultMappingSettings()).mapItems([item]).get(item.uid) as GoalTag;
  const score = scoreItem(
    item,
    tag,
    ['duplicate-work'],
    createScoringContext(goals.goals, rates),
    scoringSettingsSchema.parse({}),
  );
  return { lines: explainItem(item, tag, score, names), tag, score };
}

describe('explainItem', () => {
  it('says what the item is, its goal and why, the runner-up, each part of the score and the flags', () => {
    const { lines, score } = explain();
    expect(lines).toEqual([
      'DATA-7 "New portal login": Jira issue of DATA, priority 3, doing',
      'Goal: Improve customer experience (customer-experience), by rule, confidence 0.56',
      '  - component "Portal" is mapped to "Improve customer experience"',
      '  - label "revenue" is mapped to "Grow digital revenue", but a component is stronger evidence than a label',
      '  - runner-up: Grow digital revenue (digital-revenue), confidence 0.51',
      `Score: ${score.score} of 100`,
      expect.stringMatching(
        /^ {2}\+\d+\.\d strategic fit × 40%: \d\.\d of 5: goal ranked 3 \(3 of 3\), mapping confidence 0\.56$/,
      ),
      '  +12.5 value × 25%: 3.0 of 5: priority 3, issue',
      '  +7.5 risk × 20%: 2.5 of 5: issue, priority 3',
      '  +15.0 effort × 15%: 5.0 of 5: 4 hours',
      '  −15.0 flagged duplicate-work',
      'Flags: duplicate-work',
    ]);
  });

  it('shows goal ids when no names are given, and "none" for an item without flags or goal', () => {
    const item = jiraItem('DATA-8', { title: 'Rename the wiki page' });
    const tag = createGoalMapper(goals, defaultMappingSettings()).mapItems([item]).get(item.uid) as GoalTag;
    const score = scoreItem(
      item,
      tag,
      [],
      createScoringContext(goals.goals, rates),
      scoringSettingsSchema.parse({}),
    );
    const lines = explainItem(item, tag, score);
    expect(lines[1]).toBe('Goal: none, no goal found, confidence 0.00');
    expect(lines.at(-1)).toBe('Flags: none');
  });
});
