/**
 * Jira failures as BearingErrors, so the shared executor retries 5xx, waits out 429s and stops on
 * 400/401/403/404 (style.md, practice 4). jira.js 6 throws its own error kinds (`isApiError`,
 * `isRateLimitError`, `isSchemaMismatchError`; api-facts §8); transport failures pass through untouched
 * and the executor reads them as transient.
 */
import { isApiError, isRateLimitError, isSchemaMismatchError } from 'jira.js/core';
import { BearingError } from '../../../core/errors.js';
import { errorFromResponse } from '../../../core/http-errors.js';
import type { Deployment } from './types.js';

const CLOUD_AUTH =
  'Cloud takes the e-mail and an API token of the bearing account ({ email, token }); a scoped or OAuth token only works through https://api.atlassian.com/ex/jira/{cloudId}';
const DATA_CENTER_AUTH =
  'Data Center takes a personal access token ({ pat }); Jira DC 11 turns Basic auth off';

/** What to fix after a 401 or 403, per deployment (§5.4); `unknown` while detecting it. */
export function jiraHint(deployment: Deployment | 'unknown', status: number): string | undefined {
  if (status === 401) {
    if (deployment === 'cloud') return `check jira.auth: ${CLOUD_AUTH}`;
    if (deployment === 'datacenter') return `check jira.auth: ${DATA_CENTER_AUTH}`;
    return `check jira.auth and jira.url: ${CLOUD_AUTH}; ${DATA_CENTER_AUTH}`;
  }
  if (status === 403) return 'the bearing account lacks the Jira permission this request needs';
  return undefined;
}

/** Maps whatever a jira.js call threw; anything that is not a Jira answer is rethrown as it is. */
export function fromJiraJs(error: unknown, method: string, url: string, nowMs: number): unknown {
  if (isApiError(error)) {
    // jira.js keeps only Retry-After (as retryAfterMs on RateLimitError), not the response headers.
    const retryAfterMs = isRateLimitError(error) ? error.retryAfterMs : undefined;
    return errorFromResponse({
      system: 'jira',
      method,
      url,
      status: error.status,
      body: error.body,
      header: (name) =>
        name === 'retry-after' && retryAfterMs !== undefined ? String(retryAfterMs / 1000) : undefined,
      nowMs,
      hint: jiraHint('cloud', error.status),
    });
  }
  if (isSchemaMismatchError(error)) {
    const issues = error.report.issues
      .slice(0, 3)
      .map((i) => `${i.path}: expected ${i.expected}, got ${i.received}`)
      .join('; ');
    return new BearingError(
      'invalidData',
      `jira: ${method} ${url} answered a body jira.js did not expect: ${issues}`,
      {
        cause: error,
      },
    );
  }
  return error;
}
