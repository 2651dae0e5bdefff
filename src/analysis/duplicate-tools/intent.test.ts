import { describe, expect, it } from 'vitest';
import type { ItemKind } from '../../model/index.js';
import { toolCatalogSchema } from '../../model/index.js';
import { involvement } from './intent.js';
import { createToolMatcher } from './matcher.js';

const matcher = createToolMatcher(
  toolCatalogSchema.parse({
    capabilities: [
      { id: 'video-meetings', name: 'Video meetings', tools: [{ name: 'Zoom' }, { name: 'Webex' }] },
    ],
  }),
);
const read = (kind: ItemKind, title: string, text = '') =>
  involvement(kind, matcher.scan([title, text], []).cues);

describe('involvement', () => {
  it.each([
    ['request', 'Zoom licence for the sales team', 'adopts'],
    ['request', 'Zoom', 'adopts'],
    ['demand', 'Company-wide Webex', 'adopts'],
    ['project', 'Zoom Rooms for the new office', 'adopts'],
    ['issue', 'Roll out Zoom to the support floor', 'adopts'],
    ['epic', 'Evaluate Webex as our webinar platform', 'adopts'],
    ['change', 'Deploy Zoom client to all laptops', 'adopts'],
    ['issue', 'Need Zoom for customer calls', 'adopts'],
  ] as const)('%s "%s" %s the tool', (kind, title, expected) => {
    expect(read(kind, title)).toBe(expected);
  });

  it.each([
    ['incident', 'Purchase of Zoom licences failed at checkout'],
    ['incident', 'Zoom'],
    ['request', 'Zoom crashes on screen share'],
    ['request', 'Need help: Webex is slow'],
    ['issue', 'Zoom'],
    ['issue', 'Deploy fix for Zoom crash'],
    ['issue', 'Document how to share a screen in Zoom'],
    ['change', 'Restart the Zoom connector'],
  ] as const)('%s "%s" only uses the tool', (kind, title) => {
    expect(read(kind, title)).toBe('uses');
  });

  it('reads a strong cue over a problem report in a request, not in an issue', () => {
    expect(read('request', 'Install Zoom', 'the installer shows an error')).toBe('adopts');
    expect(read('issue', 'Install Zoom', 'the installer shows an error')).toBe('uses');
  });
});
