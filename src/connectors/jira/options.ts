import type { Logger } from '../../core/log.js';
import type { Clock } from '../../core/time.js';
import type { CallRecord } from '../http/index.js';
import type { LaneOptions } from '../../core/lane.js';
import type { RetryPolicy } from '../../core/retry.js';
import type { FieldNames } from './fields.js';
import type { ExecutiveSettings } from './session.js';
import type { BulkPolling } from './writer.js';

/** How bearing signs in: a Cloud API token, a Data Center personal access token, or an OAuth 2.0 token. */
export type JiraAuthOptions = { email: string; token: string } | { pat: string } | { bearer: string };

/**
 * Options of `createJiraConnector`, as plain data (main maps the `jira` config section onto them).
 */
export interface JiraConnectorOptions {
  /** Site URL (`https://acme.atlassian.net`) or the Data Center base URL, context path included. */
  url: string;
  /** Detected from `GET /rest/api/2/serverInfo` when absent. */
  deployment?: 'cloud' | 'datacenter';
  auth: JiraAuthOptions;
  /** The scope, as JQL. Wrapped in parentheses; must not contain ORDER BY. */
  jql: string;
  /** Names of bearing's three fields in Jira. */
  fields: FieldNames;
  /** Story points field id; found by name ("Story Points", "Story point estimate") when absent. */
  storyPointsField?: string;
  rateLimit: LaneOptions;
  /** Per-attempt timeout of every request. */
  timeoutMs: number;
  /**
   * TLS certificate checks for Data Center (axios). Cloud requests go through jira.js on the global fetch,
   * which always checks; Atlassian's certificates are public (use NODE_EXTRA_CA_CERTS behind a TLS proxy).
   */
  rejectUnauthorized: boolean;
  executives: ExecutiveSettings;
  /** E-mails of goal sponsors, who count as executives too. @default [] */
  sponsorEmails?: readonly string[];
  log: Logger;
  /** @default the system clock */
  clock?: Clock;
  /** Called after every HTTP attempt (metrics, bench counts). */
  onCall?: (call: CallRecord) => void;
  /** @default DEFAULT_RETRY_POLICY */
  retry?: RetryPolicy;
  /** Ends waiting and retrying on shutdown. */
  signal?: AbortSignal;
  /**
   * jira.js response validation: `throw` makes an answer that differs from Atlassian's schema an error
   * (tests: fake drift fails loudly); `warn` logs it and uses the answer. @default 'warn'
   */
  schemaMismatch?: 'throw' | 'warn';
  /**
   * How long a change may take to show in search (§1.2 eventual consistency): each window reaches this far
   * back before the previous run's start, on Jira's clock. @default 120000
   */
  overlapMs?: number;
  /** Bulk edit task polling. @default { expectedTaskMs: 1000, maxDelayMs: 15000 } */
  bulkPolling?: BulkPolling;
  /** Bulk edit tasks running at once (the site allows about 5, §10.1). @default 5 */
  maxBulkTasksInFlight?: number;
}

export const DEFAULT_OVERLAP_MS = 120_000;
export const DEFAULT_BULK_POLLING: BulkPolling = { expectedTaskMs: 1000, maxDelayMs: 15_000 };
export const DEFAULT_BULK_TASKS_IN_FLIGHT = 5;
