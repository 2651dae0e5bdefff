import { describe, expect, it } from 'vitest';
import type { GoalsFile, GoalTag, WorkItem } from '../model/index.js';
import { goalsFileSchema } from '../model/index.js';
import { createGoalMapper } from './index.js';
import { acmeGoals, defaultMappingSettings, jiraItem, snItem } from './testing.js';

const mapper = createGoalMapper(acmeGoals(), defaultMappingSettings());

function tagsOf(items: WorkItem[], goals: GoalsFile = acmeGoals()): Record<string, GoalTag> {
  const tags = createGoalMapper(goals, defaultMappingSettings()).mapItems(items);
  return Object.fromEntries(items.map((item) => [item.ref, tags.get(item.uid) as GoalTag]));
}
const tagOf = (item: WorkItem, goals?: GoalsFile): GoalTag => tagsOf([item], goals)[item.ref] as GoalTag;

describe('run bucket rules', () => {
  it('an incident on the Online Store is run work even when its text mentions checkout', () => {
    const tag = tagOf(
      snItem('INC0010001', 'incident', {
        kind: 'incident',
        businessService: 'Online Store',
        title: 'Checkout page down',
      }),
    );
    expect(tag).toMatchObject({ goal: 'run', source: 'run-rule', runnerUp: { goal: 'digital-revenue' } });
    expect(tag.reasons).toEqual([
      'incidents are run work (keeping the lights on)',
      'business service "Online Store" is mapped to "Grow digital revenue", but run rules take precedence',
    ]);
  });

  it('a security label makes an issue in a goal project run work', () => {
    const tag = tagOf(jiraItem('SHOP-7', { labels: ['Security'] }));
    expect(tag).toMatchObject({ goal: 'run', source: 'run-rule', runnerUp: { goal: 'digital-revenue' } });
    expect(tag.reasons[0]).toBe('label "Security" marks run work');
  });

  it('a ServiceNow table or category listed under run is run work', () => {
    const goals: GoalsFile = { ...acmeGoals() };
    goals.run = {
      ...goals.run,
      match: {
        ...goals.run.match,
        servicenow: { tables: ['change_request'], categories: ['Patching'], businessServices: ['Email'] },
      },
    };
    expect(tagOf(snItem('CHG0001', 'change_request', { kind: 'change' }), goals).reasons).toEqual([
      'ServiceNow table change_request is run work',
    ]);
    expect(tagOf(snItem('RITM0001', 'sc_req_item', { category: 'patching' }), goals).goal).toBe('run');
    expect(tagOf(snItem('RITM0002', 'sc_req_item', { businessService: 'EMAIL' }), goals).reasons).toEqual([
      'business service "EMAIL" is run work',
    ]);
  });
});

describe('goal rules', () => {
  it.each([
    ['a Jira project', jiraItem('SHOP-1'), 'Jira project SHOP is mapped to "Grow digital revenue"'],
    [
      'a label, ignoring case',
      jiraItem('DATA-1', { labels: ['REVENUE'] }),
      'label "REVENUE" is mapped to "Grow digital revenue"',
    ],
    [
      'a component',
      jiraItem('DATA-2', { components: ['checkout'] }),
      'component "checkout" is mapped to "Grow digital revenue"',
    ],
    [
      'the epic itself',
      jiraItem('SHOP-12', { kind: 'epic', container: 'DATA' }),
      'epic SHOP-12 is mapped to "Grow digital revenue"',
    ],
    [
      'an issue in the epic',
      jiraItem('DATA-3', { epic: 'SHOP-12' }),
      'epic SHOP-12 is mapped to "Grow digital revenue"',
    ],
    [
      'a child whose parent is the epic',
      jiraItem('DATA-4', { parent: 'shop-12' }),
      'epic shop-12 is mapped to "Grow digital revenue"',
    ],
    [
      'a ServiceNow business service',
      snItem('RITM0003', 'sc_req_item', { businessService: 'online store' }),
      'business service "online store" is mapped to "Grow digital revenue"',
    ],
    [
      'a ServiceNow assignment group',
      snItem('RITM0004', 'sc_req_item', { container: 'Web Commerce' }),
      'assignment group "Web Commerce" is mapped to "Grow digital revenue"',
    ],
  ])('tags by %s', (_, item, reason) => {
    const tag = tagOf(item);
    expect(tag).toMatchObject({ goal: 'digital-revenue', source: 'rule', runnerUp: null });
    expect(tag.reasons).toEqual([reason]);
  });

  it('tags by a ServiceNow category', () => {
    const tag = tagOf(snItem('RITM0005', 'sc_req_item', { category: 'Licensing' }));
    expect(tag).toMatchObject({ goal: 'operating-cost', source: 'rule', confidence: 0.7 });
  });

  it('does not apply Jira rules to ServiceNow items', () => {
    expect(tagOf(snItem('RITM0006', 'sc_req_item', { container: 'SHOP', labels: ['revenue'] })).goal).toBe(
      'none',
    );
  });

  it('is surer when several rules agree', () => {
    const one = tagOf(jiraItem('DATA-5', { labels: ['revenue'] }));
    const two = tagOf(jiraItem('SHOP-5', { labels: ['revenue'] }));
    expect(two.confidence).toBeGreaterThan(one.confidence);
    expect(two.reasons).toHaveLength(2);
  });

  it('a component outranks a label for another goal, keeps that goal as runner-up and is less sure', () => {
    const alone = tagOf(jiraItem('DATA-6', { components: ['Portal'] }));
    const contested = tagOf(jiraItem('DATA-7', { components: ['Portal'], labels: ['revenue'] }));
    expect(contested).toMatchObject({ goal: 'customer-experience', runnerUp: { goal: 'digital-revenue' } });
    expect(contested.reasons).toEqual([
      'component "Portal" is mapped to "Improve customer experience"',
      'label "revenue" is mapped to "Grow digital revenue", but a component is stronger evidence than a label',
    ]);
    expect(contested.confidence).toBeLessThan(alone.confidence);
    expect(contested.runnerUp?.confidence).toBeLessThan(contested.confidence);
  });

  it('between equally strong rules the better-ranked goal wins', () => {
    const tag = tagOf(jiraItem('DATA-8', { labels: ['cost', 'revenue'] }));
    expect(tag).toMatchObject({ goal: 'digital-revenue', runnerUp: { goal: 'operating-cost' } });
    expect(tag.reasons[1]).toBe(
      'label "cost" is mapped to "Reduce operating cost", but equally strong rules; "Grow digital revenue" ranks higher',
    );
    expect(tag.confidence).toBe(tag.runnerUp?.confidence);
  });
});

describe('inheritance', () => {
  it('an issue without rules inherits from its epic, less sure than the epic', () => {
    const tags = tagsOf([
      jiraItem('DATA-20', { kind: 'epic', components: ['Checkout'] }),
      jiraItem('DATA-21', { epic: 'DATA-20', title: 'Fix the button' }),
    ]);
    expect(tags['DATA-21']).toMatchObject({ goal: 'digital-revenue', source: 'inherited' });
    expect(tags['DATA-21']?.reasons).toEqual([
      'inherits "Grow digital revenue" from epic DATA-20',
      'on DATA-20, component "Checkout" is mapped to "Grow digital revenue"',
    ]);
    expect(tags['DATA-21']?.confidence).toBeLessThan(tags['DATA-20']?.confidence ?? 0);
  });

  it('follows a chain: sub-task → story → epic, whatever order the items come in', () => {
    const items = [
      jiraItem('DATA-32', { parent: 'DATA-31' }),
      jiraItem('DATA-31', { epic: 'DATA-30' }),
      jiraItem('DATA-30', { kind: 'epic', labels: ['cost'] }),
    ];
    const tags = tagsOf(items);
    expect(tags['DATA-32']).toMatchObject({ goal: 'operating-cost', source: 'inherited' });
    expect(tags['DATA-32']?.reasons).toEqual([
      'inherits "Reduce operating cost" from parent DATA-31',
      'the goal comes down from epic DATA-30',
      'on DATA-30, label "cost" is mapped to "Reduce operating cost"',
    ]);
    expect(tagsOf([...items].reverse())).toEqual(tags);
  });

  it('a request item inherits from its request, a project from its demand', () => {
    const tags = tagsOf([
      snItem('RITM0010', 'sc_req_item', { parent: 'SN:REQ0010' }),
      snItem('REQ0010', 'sc_request', { businessService: 'Customer Portal' }),
      snItem('PRJ0010', 'pm_project', { kind: 'project', parent: 'SN:DMN0010' }),
      snItem('DMN0010', 'dmn_demand', { kind: 'demand', container: 'Finance IT' }),
    ]);
    expect(tags['SN:RITM0010']).toMatchObject({ goal: 'customer-experience', source: 'inherited' });
    expect(tags['SN:RITM0010']?.reasons[0]).toBe(
      'inherits "Improve customer experience" from request SN:REQ0010',
    );
    expect(tags['SN:PRJ0010']).toMatchObject({ goal: 'operating-cost', source: 'inherited' });
    expect(tags['SN:PRJ0010']?.reasons[0]).toBe('inherits "Reduce operating cost" from demand SN:DMN0010');
  });

  it('an item with its own rule does not inherit', () => {
    const tags = tagsOf([
      jiraItem('DATA-40', { kind: 'epic', labels: ['cost'] }),
      jiraItem('DATA-41', { epic: 'DATA-40', labels: ['revenue'] }),
    ]);
    expect(tags['DATA-41']).toMatchObject({ goal: 'digital-revenue', source: 'rule' });
  });

  it('a goal inherited from a rule beats the item’s own text, which stays the runner-up', () => {
    const tags = tagsOf([
      jiraItem('DATA-50', { kind: 'epic', labels: ['cost'] }),
      jiraItem('DATA-51', { epic: 'DATA-50', title: 'Checkout payment pricing' }),
    ]);
    expect(tags['DATA-51']).toMatchObject({
      goal: 'operating-cost',
      source: 'inherited',
      runnerUp: { goal: 'digital-revenue' },
    });
    expect(tags['DATA-51']?.reasons.at(-1)).toMatch(
      /^its own text points to "Grow digital revenue" \(relevance 0\.\d\d\), but a goal inherited from a rule comes first$/,
    );
  });

  it('a parent’s text guess passes to a child without text of its own, but not over the child’s own text', () => {
    const tags = tagsOf([
      jiraItem('DATA-60', { kind: 'epic', title: 'Checkout revamp' }),
      jiraItem('DATA-61', { epic: 'DATA-60', title: 'Fix the button' }),
      jiraItem('DATA-62', { epic: 'DATA-60', title: 'Licence automation' }),
    ]);
    expect(tags['DATA-60']).toMatchObject({ goal: 'digital-revenue', source: 'text' });
    expect(tags['DATA-61']).toMatchObject({ goal: 'digital-revenue', source: 'inherited' });
    expect(tags['DATA-61']?.reasons[1]).toMatch(/^on DATA-60, the text points to it \(relevance 0\.\d\d\)$/);
    expect(tags['DATA-62']).toMatchObject({ goal: 'operating-cost', source: 'text' });
  });

  it('inherits run work from a run parent', () => {
    const tags = tagsOf([
      jiraItem('DATA-70', { kind: 'epic', labels: ['compliance'] }),
      jiraItem('DATA-71', { epic: 'DATA-70' }),
    ]);
    expect(tags['DATA-71']).toMatchObject({ goal: 'run', source: 'inherited' });
  });

  it('survives cycles: items that only point at each other end up with no goal', () => {
    const tags = tagsOf([
      jiraItem('DATA-80', { parent: 'DATA-81' }),
      jiraItem('DATA-81', { parent: 'DATA-82' }),
      jiraItem('DATA-82', { parent: 'DATA-80', epic: 'DATA-82' }),
    ]);
    expect(Object.values(tags).map((t) => t.goal)).toEqual(['none', 'none', 'none']);
  });

  it('a cycle with a way out takes the goal from outside', () => {
    const tags = tagsOf([
      jiraItem('DATA-90', { parent: 'DATA-91' }),
      jiraItem('DATA-91', { parent: 'DATA-90', epic: 'SHOP-99' }),
      jiraItem('SHOP-99', { kind: 'epic' }),
    ]);
    expect(tags['DATA-90']?.goal).toBe('digital-revenue');
    expect(tags['DATA-91']?.goal).toBe('digital-revenue');
  });

  it('ignores parents that were never added', () => {
    expect(tagOf(jiraItem('DATA-95', { epic: 'GONE-1' })).goal).toBe('none');
  });
});

describe('text relevance and none', () => {
  it('tags by text above the threshold and says which words matched', () => {
    const tag = tagOf(
      jiraItem('DATA-100', { title: 'Checkout page rejects payments', text: 'Support is swamped.' }),
    );
    expect(tag).toMatchObject({
      goal: 'digital-revenue',
      source: 'text',
      runnerUp: { goal: 'customer-experience' },
    });
    expect(tag.reasons[0]).toMatch(/^text mentions checkout, payment \(relevance 0\.\d\d\)$/);
    expect(tag.confidence).toBeLessThan(0.8);
  });

  it('is none below the threshold, naming the nearest goal', () => {
    const tag = tagOf(
      jiraItem('DATA-101', {
        title: 'Nightly export is slow',
        text: `${'The export job writes warehouse tables for finance reports every night. '.repeat(12)} Near checkout.`,
      }),
    );
    expect(tag).toMatchObject({
      goal: 'none',
      source: 'none',
      confidence: 0,
      runnerUp: { goal: 'digital-revenue' },
    });
    expect(tag.reasons).toEqual([
      'no goal rule matches and no parent has a goal; the text is not close enough to any goal',
      expect.stringMatching(
        /^nearest is "Grow digital revenue": text mentions checkout \(relevance 0\.\d\d\), below the threshold 0\.45$/,
      ),
    ]);
  });

  it('is none with no runner-up when nothing relates to a goal', () => {
    expect(tagOf(jiraItem('DATA-102', { title: 'Rename the wiki page' }))).toMatchObject({
      goal: 'none',
      runnerUp: null,
      reasons: ["no goal rule matches and no parent has a goal; the text mentions none of the goals' words"],
    });
  });

  it('follows the threshold in the settings', () => {
    const strict = createGoalMapper(acmeGoals(), { ...defaultMappingSettings(), relevanceThreshold: 0.95 });
    const item = jiraItem('DATA-103', { title: 'Checkout page rejects payments' });
    expect(strict.mapItems([item]).get(item.uid)?.goal).toBe('none');
  });
});

describe('the two-pass index', () => {
  it('tags items streamed in two passes like a batch', () => {
    const items = [
      jiraItem('DATA-111', { epic: 'DATA-110' }),
      jiraItem('DATA-110', { kind: 'epic', components: ['Checkout'] }),
      jiraItem('DATA-112', { title: 'Licence renewal' }),
    ];
    const index = mapper.createIndex();
    for (const item of items) index.add(item);
    expect(index.count).toBe(3);
    const resolved = index.resolve();
    const streamed = new Map(items.map((item) => [item.uid, resolved.tag(item)]));
    expect(streamed).toEqual(mapper.mapItems(items));
    const reversed = new Map([...items].reverse().map((item) => [item.uid, resolved.tag(item)]));
    expect(reversed).toEqual(streamed);
  });

  it('refuses items after resolve and items it never saw', () => {
    const index = mapper.createIndex();
    index.add(jiraItem('DATA-120'));
    const resolved = index.resolve();
    expect(() => index.add(jiraItem('DATA-121'))).toThrow(/resolved/);
    expect(() => resolved.tag(jiraItem('DATA-121'))).toThrow(/DATA-121 was not added/);
  });

  it('is deterministic: the same items give equal tags', () => {
    const items = [
      jiraItem('DATA-130', { title: 'Checkout support' }),
      jiraItem('SHOP-131', { labels: ['cost'] }),
    ];
    expect(mapper.mapItems(items)).toEqual(mapper.mapItems(items));
  });

  it('ranks goals by rank, not by their order in goals.yaml', () => {
    const reordered = goalsFileSchema.parse({ ...acmeGoals(), goals: [...acmeGoals().goals].reverse() });
    const item = jiraItem('DATA-140', { labels: ['cost', 'revenue'] });
    expect(tagOf(item, reordered).goal).toBe('digital-revenue');
  });
});
