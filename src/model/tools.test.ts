import { describe, expect, it } from 'vitest';
import { toolCatalogSchema } from './tools.js';

const catalog = (tools: unknown[], more: unknown[] = []) => ({
  capabilities: [{ id: 'video-conferencing', name: 'Video conferencing', tools }, ...more],
});
const messages = (input: unknown): string[] => {
  const result = toolCatalogSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('toolCatalogSchema', () => {
  it('gives every tool an empty alias list by default', () => {
    const parsed = toolCatalogSchema.parse(catalog([{ name: 'Zoom', standard: true }, { name: 'Webex' }]));
    expect(parsed.capabilities[0]?.tools).toEqual([
      { name: 'Zoom', aliases: [], standard: true },
      { name: 'Webex', aliases: [] },
    ]);
  });

  it('allows at most one standard tool per capability', () => {
    expect(
      messages(
        catalog([
          { name: 'Zoom', standard: true },
          { name: 'Webex', standard: true },
        ]),
      ),
    ).toEqual(['capabilities.0.tools: only one tool can be the standard, found 2: Zoom, Webex']);
  });

  it('refuses a tool name or alias used twice in the catalog, whatever the case', () => {
    const chat = {
      id: 'team-chat',
      name: 'Team chat',
      tools: [{ name: 'Slack' }, { name: 'MS Teams', aliases: ['ZOOM'] }],
    };
    expect(messages(catalog([{ name: 'Zoom' }], [chat]))).toEqual([
      'capabilities.1.tools.1.aliases.0: "ZOOM" is already a name of "Zoom" (video-conferencing)',
    ]);
  });

  it('refuses duplicate capability ids and unknown keys', () => {
    const again = { id: 'video-conferencing', name: 'Again', tools: [{ name: 'Teams' }] };
    expect(messages(catalog([{ name: 'Zoom', vendor: 'Zoom Inc.' }]))).toEqual([
      'capabilities.0.tools.0: Unrecognized key: "vendor"',
    ]);
    expect(messages(catalog([{ name: 'Zoom' }], [again]))).toEqual([
      'capabilities.1.id: duplicate capability id "video-conferencing"',
    ]);
  });
});
