/**
 * Jira's rate-limit answers (§5.2, §5.4) and the per-issue write limit (§5.1: 20 writes per 2 s and
 * 100 per 30 s to one issue).
 */
import { formatRateLimitReset } from './jira-time.js';
import type { JiraState } from './state.js';
import type { JiraFlavour } from './types.js';

export type RateLimitReason =
  'jira-burst-based' | 'jira-per-issue-on-write' | 'jira-quota-global-based' | 'jira-quota-tenant-based';

/**
 * A 429 as Jira sends it. Cloud (§5.2): `Retry-After` in seconds, `X-RateLimit-Limit`, `-Remaining: 0`,
 * an ISO minute-precision `X-RateLimit-Reset` and `RateLimit-Reason`. Data Center (§5.4): `retry-after`
 * with `X-RateLimit-Interval-Seconds` and `X-RateLimit-FillRate`. The body is unspecified (§5.2); this is
 * the ErrorCollection many clients assume.
 */
export function rateLimitedResponse(
  flavour: JiraFlavour,
  now: number,
  retryAfterSeconds: number,
  limit: number,
  reason: RateLimitReason = 'jira-burst-based',
): Response {
  const headers: Record<string, string> =
    flavour === 'cloud'
      ? {
          'Retry-After': String(retryAfterSeconds),
          'X-RateLimit-Limit': String(limit),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': formatRateLimitReset(now + retryAfterSeconds * 1000),
          'RateLimit-Reason': reason,
        }
      : {
          'Retry-After': String(retryAfterSeconds),
          'X-RateLimit-Limit': String(limit),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Interval-Seconds': '1',
          'X-RateLimit-FillRate': String(limit),
        };
  return new Response(JSON.stringify({ errorMessages: ['Rate limit exceeded.'], errors: {} }), {
    status: 429,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });
}

/**
 * §5.2: informational "you would have been limited" headers on a successful answer; a client must not
 * slow down for them.
 */
export function withBetaRateLimitHeaders(response: Response, now: number): Response {
  const headers = new Headers(response.headers);
  headers.set('Beta-Retry-After', '1');
  headers.set('X-Beta-RateLimit-NearLimit', 'true');
  headers.set('X-Beta-RateLimit-Reason', 'jira-burst-based');
  headers.set('X-Beta-RateLimit-Reset', formatRateLimitReset(now + 60_000));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const WRITE_WINDOWS = [
  { ms: 2_000, max: 20 },
  { ms: 30_000, max: 100 },
];

/** Seconds to wait before issue `id` may be written again, or 0 (§5.1 per-issue write limits). */
export function perIssueWriteWait(state: JiraState, id: string): number {
  if (!state.options.perIssueWriteLimits) return 0;
  const now = state.now();
  const times = (state.writeTimes.get(id) ?? []).filter((t) => now - t < 30_000);
  state.writeTimes.set(id, times);
  let waitMs = 0;
  for (const w of WRITE_WINDOWS) {
    const inWindow = times.filter((t) => now - t < w.ms);
    const oldest = inWindow[inWindow.length - w.max];
    if (inWindow.length >= w.max && oldest !== undefined) waitMs = Math.max(waitMs, oldest + w.ms - now);
  }
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

export function recordIssueWrite(state: JiraState, id: string): void {
  const times = state.writeTimes.get(id) ?? [];
  times.push(state.now());
  state.writeTimes.set(id, times);
}
