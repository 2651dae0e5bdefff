import { describe, expect, it } from 'vitest';
import { toolCatalogSchema } from '../../model/index.js';
import { createToolMatcher, CUE_STRONG, CUE_SUPPORT, CUE_WEAK } from './matcher.js';

const catalog = toolCatalogSchema.parse({
  capabilities: [
    {
      id: 'video-meetings',
      name: 'Video meetings',
      tools: [
        { name: 'Zoom', aliases: ['Zoom.us', 'zoom meeting'] },
        { name: 'Microsoft Teams', aliases: ['MS Teams', 'Teams'] },
        { name: 'Webex', aliases: ['Cisco Webex', 'Web Ex'] },
        { name: 'Google Meet', aliases: ['Meet'] },
      ],
    },
    {
      id: 'file-sharing',
      name: 'File sharing',
      tools: [{ name: 'Box', aliases: ['Box.com'] }, { name: 'Dropbox' }],
    },
    { id: 'diagramming', name: 'Diagramming', tools: [{ name: 'draw.io', aliases: ['drawio'] }] },
    { id: 'erp', name: 'ERP', tools: [{ name: 'SAP S/4HANA', aliases: ['S/4HANA'] }] },
  ],
});
const matcher = createToolMatcher(catalog);
const names = (texts: string[], labels: string[] = []): string[] =>
  matcher
    .scan(texts, labels)
    .mentions.map((m) => matcher.tools[m.tool]!.name + (m.retired ? ' (retired)' : ''))
    .sort();

describe('createToolMatcher', () => {
  it('finds names and aliases as whole words, ignoring case and punctuation', () => {
    expect(names(['Please buy ZOOM.US seats'])).toEqual(['Zoom']);
    expect(names(['roll out ms-teams and web ex'])).toEqual(['Microsoft Teams', 'Webex']);
    expect(names(['diagram in Draw.io', 'migrating to s/4hana'])).toEqual(['SAP S/4HANA', 'draw.io']);
    expect(names(['Zoomed in on webexample.com and dropboxes'])).toEqual([]);
  });

  it('prefers the longest name', () => {
    expect(names(['Set up Google Meet rooms'])).toEqual(['Google Meet']);
    expect(names(['Cisco Webex licence'])).toEqual(['Webex']);
  });

  it('folds accents and odd punctuation', () => {
    expect(names(['Licence Zoom™ pour l’équipe — Dropbox’s sync'])).toEqual(['Dropbox', 'Zoom']);
  });

  it('reads an ambiguous name as a tool only when capitalised and near a software word', () => {
    expect(names(['Buy Box licenses for legal'])).toEqual(['Box']);
    expect(names(['the Teams app keeps asking for a password'])).toEqual(['Microsoft Teams']);
    expect(names(['two teams meeting weekly about the license'])).toEqual([]);
    expect(names(['Put the box of cables in the store room'])).toEqual([]);
    expect(names(['Box up the old laptops'])).toEqual([]);
    expect(names(['Meet the new hires on Tuesday in the lobby'])).toEqual([]);
    expect(names(['Zoom in on the chart'])).toEqual([]);
  });

  it('takes an ambiguous name next to another tool, or a word of its capability', () => {
    expect(names(['Compare Dropbox and Box'])).toEqual(['Box', 'Dropbox']);
    expect(names(['Teams meeting room for the board'])).toEqual(['Microsoft Teams']);
    expect(names(['need zoom meeting for the customer'])).toEqual(['Zoom']);
  });

  it('takes an ambiguous label or component when it is the whole value', () => {
    expect(names([], ['box'])).toEqual(['Box']);
    expect(names([], ['box-rollout'])).toEqual(['Box']);
    expect(names([], ['boxes'])).toEqual([]);
  });

  it('marks a tool being left, not one being moved to', () => {
    expect(names(['Migrate from Webex to Zoom'])).toEqual(['Webex (retired)', 'Zoom']);
    expect(names(['Replace our legacy Webex with MS Teams'])).toEqual(['Microsoft Teams', 'Webex (retired)']);
    expect(names(['Request from marketing: Zoom licences'])).toEqual(['Zoom']);
  });

  it('collects cue words from every field', () => {
    expect(matcher.scan(['Purchase Zoom'], []).cues).toBe(CUE_STRONG);
    expect(matcher.scan(['Zoom'], ['need-it']).cues).toBe(CUE_WEAK);
    expect(matcher.scan(["Zoom can't connect"], []).cues).toBe(CUE_SUPPORT);
  });

  it('refuses two names that read the same once punctuation is ignored', () => {
    const clash = toolCatalogSchema.parse({
      capabilities: [
        { id: 'a', name: 'A', tools: [{ name: 'MS-Teams' }] },
        { id: 'b', name: 'B', tools: [{ name: 'MS Teams' }] },
      ],
    });
    expect(() => createToolMatcher(clash)).toThrow(
      /capabilities\[1\]\.tools\[0\]\.name: "MS Teams" reads the same/,
    );
  });

  it('treats names added in settings as ambiguous', () => {
    const strict = createToolMatcher(catalog, ['Dropbox']);
    expect(strict.scan(['dropbox is full'], []).mentions).toEqual([]);
    expect(strict.scan(['Dropbox account is full'], []).mentions).toHaveLength(1);
  });
});
