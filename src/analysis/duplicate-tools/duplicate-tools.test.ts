import { describe, expect, it } from 'vitest';
import { duplicateToolsSettingsSchema, toolCatalogSchema } from '../../model/index.js';
import type { WorkItem } from '../../model/index.js';
import { workItem } from '../effort/testing.js';
import { detectDuplicateTools } from './duplicate-tools.js';

const catalog = toolCatalogSchema.parse({
  capabilities: [
    {
      id: 'video-meetings',
      name: 'Video meetings',
      tools: [{ name: 'Zoom' }, { name: 'Microsoft Teams', aliases: ['MS Teams'] }, { name: 'Webex' }],
    },
    {
      id: 'diagramming',
      name: 'Diagramming',
      tools: [
        { name: 'Lucidchart', standard: true },
        { name: 'Microsoft Visio', aliases: ['Visio'] },
      ],
    },
  ],
});
const context = { now: Date.parse('2026-11-20T10:00:00Z'), windowDays: 28, timeZone: 'UTC', catalog };
const settings = duplicateToolsSettingsSchema.parse({});

let n = 0;
const item = (
  team: string,
  kind: WorkItem['kind'],
  title: string,
  extra: Partial<WorkItem> = {},
): WorkItem => {
  const key = `${team}-${++n}`;
  return workItem({
    key,
    team,
    kind,
    title,
    created: '2026-11-10T10:00:00Z',
    updated: '2026-11-12T10:00:00Z',
    ...extra,
  });
};
const detect = (items: WorkItem[], options = settings) => detectDuplicateTools(items, options, context);
const flaggedRefs = (items: WorkItem[], options = settings): string[] => {
  const { flagged } = detect(items, options);
  return items.filter((i) => flagged.has(i.uid)).map((i) => i.ref);
};

describe('detectDuplicateTools', () => {
  it('flags two teams rolling out different tools of one capability, and clusters them', () => {
    const items = [
      item('SHOP', 'request', 'Zoom Pro licences for the sales team'),
      item('OPS', 'issue', 'Roll out Webex for support calls'),
      item('OPS', 'issue', 'Webex rollout, phase 2'),
    ];
    const result = detect(items);
    expect(flaggedRefs(items)).toEqual(items.map((i) => i.ref));
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding?.key).toBe('duplicate-tool:video-meetings');
    expect(finding?.items).toEqual([items[1]!.ref, items[2]!.ref, items[0]!.ref].sort());
    expect(finding?.details).toMatchObject({
      capability: 'video-meetings',
      standard: null,
      teams: ['OPS', 'SHOP'],
      tools: [
        { name: 'Webex', standard: false, teams: ['OPS'], itemCount: 2 },
        { name: 'Zoom', standard: false, teams: ['SHOP'], itemCount: 1 },
      ],
    });
  });

  it('does not flag two teams adopting the same tool', () => {
    const items = [
      item('SHOP', 'request', 'Buy Zoom licences'),
      item('OPS', 'issue', 'Zoom rollout for OPS'),
    ];
    expect(detect(items)).toEqual({ findings: [], flagged: new Set() });
  });

  it('does not flag one team trying two tools of a capability', () => {
    const items = [
      item('SHOP', 'request', 'Zoom licences'),
      item('SHOP', 'issue', 'Evaluate Webex for webinars'),
    ];
    expect(detect(items).flagged.size).toBe(0);
  });

  it('does not count a support incident as another team working with a tool, unless asked to', () => {
    const items = [
      item('OPS', 'incident', 'Webex crashes when sharing the screen'),
      item('SHOP', 'request', 'Zoom licences for the sales team'),
    ];
    expect(flaggedRefs(items)).toEqual([]);
    const anyMention = duplicateToolsSettingsSchema.parse({ evidence: 'any-mention' });
    expect(flaggedRefs(items, anyMention)).toEqual([items[1]!.ref]);
  });

  it('flags any adoption of a tool other than the standard, and never the standard', () => {
    const items = [
      item('OPS', 'request', 'Visio licence for network diagrams'),
      item('SHOP', 'request', 'Lucidchart seats for the web team'),
      item('WEB', 'request', 'Lucidchart seats for the UX team'),
    ];
    const result = detect(items);
    expect(flaggedRefs(items)).toEqual([items[0]!.ref]);
    expect(result.findings[0]?.details).toMatchObject({
      standard: 'Lucidchart',
      tools: [
        { name: 'Lucidchart', standard: true, teams: ['SHOP', 'WEB'] },
        { name: 'Microsoft Visio', standard: false, teams: ['OPS'] },
      ],
    });
    expect(result.findings[0]?.summary).toBe(
      'Diagramming: 2 tools (Lucidchart, Microsoft Visio) in 3 teams; the standard is Lucidchart',
    );
  });

  it('takes the standard from settings over the catalog, and checks it against the catalog', () => {
    const items = [
      item('SHOP', 'request', 'Zoom licences'),
      item('OPS', 'issue', 'Roll out MS Teams to OPS'),
    ];
    const zoom = duplicateToolsSettingsSchema.parse({ standards: { 'video-meetings': 'zoom' } });
    expect(flaggedRefs(items, zoom)).toEqual([items[1]!.ref]);
    const wrong = duplicateToolsSettingsSchema.parse({
      standards: { 'video-meetings': 'Skype', chat: 'Slack' },
    });
    expect(() => detect(items, wrong)).toThrow(
      /standards\.video-meetings: "Skype" is not a tool[\s\S]*standards\.chat/,
    );
  });

  it('ignores items that were not live in the window', () => {
    const items = [
      item('OPS', 'issue', 'Roll out Webex', {
        created: '2026-05-01T10:00:00Z',
        updated: '2026-11-19T10:00:00Z', // touched by a bot later; resolved long ago
        status: 'done',
        resolved: '2026-06-01T10:00:00Z',
      }),
      item('WEB', 'request', 'Webex licences', {
        created: '2026-06-01T10:00:00Z',
        updated: '2026-06-02T10:00:00Z',
        status: 'todo',
      }),
      item('SHOP', 'request', 'Zoom licences'),
    ];
    expect(flaggedRefs(items)).toEqual([]);
  });

  it('does not count the tool a team is moving away from', () => {
    const items = [
      item('OPS', 'issue', 'Migrate from Webex to Zoom'),
      item('SHOP', 'request', 'Zoom licences for the sales team'),
    ];
    expect(flaggedRefs(items)).toEqual([]);
  });

  it('gives the same findings whatever the order of the items', () => {
    const items = [
      item('SHOP', 'request', 'Zoom licences'),
      item('OPS', 'issue', 'Roll out Webex'),
      item('WEB', 'project', 'MS Teams for the web team'),
      item('OPS', 'request', 'Visio licence'),
    ];
    const forward = detect(items);
    const backward = detect([...items].reverse());
    expect(backward.findings).toEqual(forward.findings);
    expect(forward.findings.map((f) => f.key)).toEqual([
      'duplicate-tool:diagramming',
      'duplicate-tool:video-meetings',
    ]);
  });
});
