import { errorKind, type BearingError } from './errors.js';

/** How to retry a failed call. Data, so tests and config can reason about it. */
export interface RetryPolicy {
  /**
   * Retries after the first attempt for transient failures (5xx, timeouts, resets).
   * @default 5
   */
  retries: number;
  /**
   * Retries after a 429; kept separate because waiting out a rate limit is expected, not a fault.
   * @default 10
   */
  rateLimitRetries: number;
  /** @default 500 */
  baseDelayMs: number;
  /** @default 30000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  rateLimitRetries: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Exponential backoff with full jitter: a random delay in [0, min(max, base × 2^attempt)].
 * Jitter spreads retries from many clients so they don't hit the service in step.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * Whether to try a failed call again. Only transient failures and rate limits are retried; 400,
 * 401, 403, 404 never are. A transient failure of a call that is not safe to repeat (any write: it
 * may have landed) is not retried; a 429 is, since nothing was done.
 */
export function decideRetry(
  error: BearingError | unknown,
  attempt: { transient: number; rateLimited: number },
  policy: RetryPolicy,
  options: { safeToRepeat: boolean; random: () => number },
): RetryDecision {
  const kind = errorKind(error);
  if (kind === 'rateLimited') {
    if (attempt.rateLimited >= policy.rateLimitRetries) return { retry: false };
    const told = (error as BearingError).retryAfterMs;
    const delay = told ?? backoffDelay(attempt.rateLimited, policy, options.random);
    // A little jitter on top of Retry-After, so parallel tasks don't all return in the same millisecond.
    return {
      retry: true,
      delayMs: delay + Math.round(options.random() * Math.min(1000, policy.baseDelayMs)),
    };
  }
  if (kind === 'transient' && options.safeToRepeat) {
    if (attempt.transient >= policy.retries) return { retry: false };
    return { retry: true, delayMs: backoffDelay(attempt.transient, policy, options.random) };
  }
  return { retry: false };
}
