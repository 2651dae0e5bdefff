/**
 * Test helpers for the Jira connector: a connector pointed at a fake with test-friendly defaults, bearing's
 * fields on the fake, and a tiny in-memory sync loop standing in for the pipeline and the store.
 */
import { silentLogger } from '../../core/log.js';
import { CUSTOM_TYPE_PREFIX, DEFAULT_BOT, type JiraState } from '../../sandbox/jira/index.js';
import type { WorkItem } from '../../model/index.js';
import type { Cursor, QuarantineRecord } from '../../store/store.js';
import type { Connector } from '../connector.js';
import type { CallRecord } from '../http/index.js';
import { createJiraConnector, type JiraConnectorOptions } from './index.js';

export const FIELD_NAMES = { score: 'Alignment Score', goal: 'Business Goal', flags: 'Alignment Flags' };

/** A connector for the fake's default bot, fast retries, `onSchemaMismatch: 'throw'`, calls recorded. */
export function testConnector(
  url: string,
  overrides: Partial<JiraConnectorOptions> = {},
): { connector: Connector; calls: CallRecord[] } {
  const calls: CallRecord[] = [];
  const connector = createJiraConnector({
    url,
    auth: { email: DEFAULT_BOT.email ?? '', token: DEFAULT_BOT.apiToken ?? '' },
    jql: 'project in (OPS)',
    fields: FIELD_NAMES,
    rateLimit: { perSecond: 1000, concurrency: 8 },
    timeoutMs: 5000,
    rejectUnauthorized: true,
    executives: { emails: [], jiraAccountIds: [], jiraGroups: [] },
    log: silentLogger(),
    retry: { retries: 2, rateLimitRetries: 4, baseDelayMs: 5, maxDelayMs: 20 },
    schemaMismatch: 'throw',
    bulkPolling: { expectedTaskMs: 20, maxDelayMs: 100 },
    onCall: (call) => calls.push(call),
    ...overrides,
  });
  return { connector, calls };
}

/** Creates bearing's three fields on the fake as an admin would (on the default screen). */
export function addBearingFields(state: JiraState): { score: string; goal: string; flags: string } {
  const make = (name: string, type: string, searcher: string): string =>
    state.createField({
      name,
      type: `${CUSTOM_TYPE_PREFIX}${type}`,
      searcherKey: `${CUSTOM_TYPE_PREFIX}${searcher}`,
      onScreen: true,
    }).id;
  return {
    score: make(FIELD_NAMES.score, 'float', 'exactnumber'),
    goal: make(FIELD_NAMES.goal, 'textfield', 'textsearcher'),
    flags: make(FIELD_NAMES.flags, 'labels', 'labelsearcher'),
  };
}

export const countOf = (calls: readonly CallRecord[], endpoint: string, status?: number): number =>
  calls.filter((c) => c.endpoint === endpoint && (status === undefined || c.status === status)).length;

/**
 * One sync run as the pipeline does it: every scope from its stored cursor, each page "committed". The run
 * starts at `runStartMs` — the fake's clock, which may not be the real one.
 */
export async function syncOnce(
  connector: Connector,
  cursors: Map<string, Cursor>,
  runStartMs: number,
): Promise<{ items: WorkItem[]; quarantined: QuarantineRecord[]; pages: number }> {
  const signal = new AbortController().signal;
  const items: WorkItem[] = [];
  const quarantined: QuarantineRecord[] = [];
  let pages = 0;
  for (const scope of await connector.scopes(signal)) {
    for await (const page of connector.pull(scope, {
      cursor: cursors.get(scope) ?? null,
      runStartMs,
      signal,
    })) {
      items.push(...page.items.map((i) => i.item));
      quarantined.push(...page.quarantined);
      cursors.set(scope, page.cursor);
      pages++;
    }
  }
  return { items, quarantined, pages };
}
