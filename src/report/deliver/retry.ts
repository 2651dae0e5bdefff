import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../core/retry.js';
import { BearingError, isBearingError, isRetryable } from '../../core/errors.js';

/** How often and how patiently one channel tries to deliver the report. */
export interface DeliveryRetry {
  /**
   * Attempts in all, the first included.
   * @default 5
   */
  attempts: number;
  /**
   * Ceiling of the first backoff; it doubles with every retry (full jitter below it).
   * @default 2000
   */
  baseMs: number;
  /** @default 60000 */
  maxMs: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = { attempts: 5, baseMs: 2_000, maxMs: 60_000 };

/**
 * The longest Retry-After bearing waits out. A chat service asking for more is treated as a
 * failure now rather than holding the report run (and `bearing report`) for longer.
 */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

export interface RetryOptions {
  retry: DeliveryRetry;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  signal?: AbortSignal;
  /** Called before each wait, for the log. */
  onRetry: (error: BearingError, attempt: number, delayMs: number) => void;
}

export interface RetryResult {
  attempts: number;
  /** Why the last attempt failed; absent when one succeeded. */
  error?: BearingError;
}

/**
 * Runs `attempt` until it succeeds, fails permanently, or the attempts are spent. Only transient
 * failures and rate limits are retried: a rejected password or recipient would be rejected again.
 * A rate limit waits what the service asked for (Retry-After), other failures back off
 * exponentially with jitter.
 */
export async function withRetry(
  attempt: (signal: AbortSignal | undefined) => Promise<void>,
  options: RetryOptions,
): Promise<RetryResult> {
  const attempts = Math.max(1, options.retry.attempts);
  const policy = {
    ...DEFAULT_RETRY_POLICY,
    baseDelayMs: options.retry.baseMs,
    maxDelayMs: options.retry.maxMs,
  };
  for (let n = 1; ; n++) {
    if (options.signal?.aborted) return { attempts: n - 1, error: stopped() };
    let error: BearingError;
    try {
      await attempt(options.signal);
      return { attempts: n };
    } catch (thrown) {
      error = isBearingError(thrown)
        ? thrown
        : new BearingError('fatal', 'delivery failed unexpectedly', { cause: thrown });
    }
    if (options.signal?.aborted) return { attempts: n, error: stopped() };
    if (!isRetryable(error) || n >= attempts) return { attempts: n, error };
    const told = error.retryAfterMs;
    if (told !== undefined && told > MAX_RETRY_AFTER_MS) {
      const asked = Math.ceil(told / 1000);
      const waits = MAX_RETRY_AFTER_MS / 1000;
      return {
        attempts: n,
        error: new BearingError(
          'rateLimited',
          `${error.message} (asked to wait ${asked} s, bearing waits at most ${waits} s)`,
          {
            cause: error,
            retryAfterMs: told,
          },
        ),
      };
    }
    const delayMs = told ?? backoffDelay(n - 1, policy, options.random);
    options.onRetry(error, n, delayMs);
    await options.sleep(delayMs, options.signal);
  }
}

function stopped(): BearingError {
  return new BearingError('fatal', 'stopped before the report was delivered (shutdown)');
}
