/**
 * The fake Jira (Cloud REST v3 and Data Center REST v2) for tests, the demo and benchmarks. It behaves
 * as ../shared/api-facts.md describes the real one; comments cite its sections (§).
 *
 * ```ts
 * const clock = manualClock(Date.UTC(2026, 10, 20));
 * const { state, injector } = createFakeJiraInjector({ flavour: 'cloud', now: clock.now, searchLagMs: 2000 });
 * state.load(people, tickets);                                   // neutral seeds (../seed.ts)
 * const server = setupServer(...mswHandlers(injector, 'https://acme.atlassian.net'));   // or startLoopbackServer(injector)
 * // bot credentials: Basic bot@acme.example:bot-token (Cloud), Bearer bot-pat (Data Center); see DEFAULT_BOT
 * state.editAsHuman('OPS-1', { fields: { 'Alignment Score': 10 } });   // a PM overwrites the score
 * state.writes;                                                  // what the bot wrote, old → new, via which endpoint
 * injector.setFaults([{ endpoint: 'search', knobs: { ratePerSecond: 5 } }]);   // Jira's own 429s
 * ```
 */
export { createFakeJira, createFakeJiraInjector, type FakeJira } from './service.js';
export {
  JiraState,
  DEFAULT_BOT,
  CORRUPTIONS,
  type BulkTask,
  type PersonRecord,
  type ProjectRecord,
} from './state.js';
export {
  STORY_POINT_ESTIMATE_FIELD,
  STORY_POINTS_FIELD,
  DC_STORY_POINTS_FIELD,
  DC_EPIC_LINK_FIELD,
  CUSTOM_TYPE_PREFIX,
} from './fields.js';
export { REMOVED_SEARCH_BODY, UNBOUNDED_MESSAGE, ID_PAGE_CAP } from './search.js';
export { BULK_MUTE_FORBIDDEN } from './bulk.js';
export { textToAdf, adfToText, type AdfDoc, type AdfNode } from './render-adf.js';
export { textToWiki } from './render-wiki.js';
export { formatJiraTime } from './jira-time.js';
export type * from './types.js';
export { seedPerson, seedTicket, seedTickets, idForKey } from './seed-builders.js';
export {
  call,
  manualClock,
  basicAuth,
  BOT_AUTH,
  DC_BOT_AUTH,
  ANONYMOUS,
  CLOUD_BASE,
  DC_BASE,
  type CallResult,
} from './testing.js';
