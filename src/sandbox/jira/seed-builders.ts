/**
 * Small hand-built seeds for tests: a person or a Jira ticket with sensible defaults, overridable per
 * field. Ids derive from the key, so the same key always gets the same id.
 */
import type { SeedJiraTicket, SeedPerson } from '../seed.js';

export function seedPerson(id: string, overrides: Partial<SeedPerson> = {}): SeedPerson {
  return {
    id,
    name: `Person ${id}`,
    email: `${id}@acme.example`,
    title: 'Engineer',
    department: 'IT',
    vip: false,
    isExecutive: false,
    jiraAccountId: `5b10ac8d82e05b22cc7d${id.padStart(4, '0')}`,
    snSysId: id.padStart(32, '0'),
    jiraGroups: [],
    ...overrides,
  };
}

/** A numeric issue id from the key: each project gets a block of 100,000 ids picked by a hash of its key. */
export function idForKey(key: string): string {
  const [project = '', number = '0'] = key.toUpperCase().split('-');
  let h = 0x811c9dc5;
  for (const ch of project) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return String((1 + (h % 1_000_000)) * 100_000 + Number(number));
}

export function seedTicket(key: string, overrides: Partial<SeedJiraTicket> = {}): SeedJiraTicket {
  const project = key.split('-')[0] ?? key;
  const created = Date.UTC(2026, 10, 1, 9, 0, 0);
  return {
    system: 'jira',
    id: idForKey(key),
    key,
    project,
    issueType: 'Task',
    title: `Work item ${key}`,
    description: `Description of ${key}.`,
    priority: 3,
    status: 'todo',
    requesterId: 'p1',
    assigneeId: null,
    created,
    updated: created,
    resolved: null,
    labels: [],
    components: [],
    storyPoints: null,
    originalEstimateSeconds: null,
    epicKey: null,
    parentKey: null,
    duplicateOf: [],
    ...overrides,
  };
}

/** `count` tickets `PROJECT-1 … PROJECT-count`, updated one minute apart. */
export function seedTickets(
  project: string,
  count: number,
  overrides: Partial<SeedJiraTicket> = {},
): SeedJiraTicket[] {
  const start = Date.UTC(2026, 10, 1, 9, 0, 0);
  return Array.from({ length: count }, (_, i) =>
    seedTicket(`${project}-${i + 1}`, { updated: start + i * 60_000, created: start, ...overrides }),
  );
}
