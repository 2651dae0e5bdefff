import type { WorkItem } from './work-item.js';

/**
 * A complete work item with plain defaults, for tests and benches: a Jira issue in team `OPS`,
 * priority 3, in progress, one hour of effort, created and updated at `2026-11-16T12:00:00Z`.
 * The ref defaults to the key, the uid to `jira:` + key.
 */
export function workItem(overrides: Partial<WorkItem> & { key: string }): WorkItem {
  const key = overrides.key;
  return {
    uid: `jira:${key}`,
    source: 'jira',
    id: key,
    ref: key,
    url: `https://example.atlassian.net/browse/${key}`,
    kind: 'issue',
    scope: 'OPS',
    container: 'OPS',
    title: '',
    text: '',
    labels: [],
    components: [],
    category: null,
    businessService: null,
    priority: 3,
    impact: null,
    status: 'doing',
    requester: null,
    assignee: null,
    team: 'OPS',
    created: '2026-11-16T12:00:00.000Z',
    updated: '2026-11-16T12:00:00.000Z',
    resolved: null,
    effort: { value: 1, unit: 'hours' },
    parent: null,
    epic: null,
    links: [],
    held: { score: null, goal: null, flags: null },
    ...overrides,
  };
}
