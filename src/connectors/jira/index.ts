/**
 * The Jira connector (Cloud REST v3 through jira.js 6, Data Center REST v2 through axios): scopes per
 * project, incremental pulls with cursors, field setup, and bulk write-back of bearing's three fields.
 * Section numbers (§) in this folder refer to ../shared/api-facts.md.
 */
export { createJiraConnector } from './connector.js';
export type { JiraConnectorOptions, JiraAuthOptions } from './options.js';
export type { FieldNames } from './fields.js';
export type { ExecutiveSettings } from './session.js';
export type { BulkPolling } from './writer.js';
