import { BearingError, isBearingError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { errorFromTransport } from '../../core/http-errors.js';
import type { Lane } from '../../core/lane.js';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../core/retry.js';

/** One finished HTTP attempt, for metrics. */
export interface CallRecord {
  system: string;
  /** Endpoint class (`search`, `bulk-edit`, `table:incident`). */
  endpoint: string;
  method: string;
  /** HTTP status, or 0 when no answer came (timeout, reset). */
  status: number;
  durationMs: number;
}

export interface ExecutorOptions {
  system: string;
  lane: Lane;
  log: Logger;
  retry?: RetryPolicy;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Called after every attempt (metrics, bench counts). */
  onCall?: (call: CallRecord) => void;
  /** Ends waiting and retrying on shutdown. */
  signal?: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CallSpec<T> {
  endpoint: string;
  method: string;
  url: string;
  /**
   * Whether sending the request again after a failure with no definite answer (a timeout, a reset, a
   * 5xx) is harmless. Reads are; a write is not, even one that only sets values: it may have landed
   * (the answer was lost or late), and sending it again writes the value twice and can overwrite what
   * someone changed in between. Such a write fails at once, its message and `details.outcomeUnknown`
   * saying so, and write-back reads its item back before writing it again. A 429 is retried either
   * way: nothing was done.
   * Default: GET and HEAD only.
   */
  safeToRepeat?: boolean;
  /** One attempt. Must throw a BearingError (from `errorFromResponse`) for HTTP errors. */
  attempt: (signal: AbortSignal) => Promise<{ value: T; status: number }>;
}

export interface Executor {
  call<T>(spec: CallSpec<T>): Promise<T>;
}

/**
 * Runs requests through the system's lane with a timeout per attempt, retrying transient failures
 * with backoff and waiting out 429s (pausing the whole lane), per the retry policy.
 */
export function createExecutor(options: ExecutorOptions): Executor {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  return {
    async call<T>(spec: CallSpec<T>): Promise<T> {
      const safeToRepeat = spec.safeToRepeat ?? ['GET', 'HEAD'].includes(spec.method.toUpperCase());
      const attempts = { transient: 0, rateLimited: 0 };
      for (;;) {
        throwIfStopped(options.signal, options.system);
        const started = performance.now();
        let status = 0;
        try {
          const result = await options.lane.run(() => {
            const signals = [AbortSignal.timeout(options.timeoutMs)];
            if (options.signal) signals.push(options.signal);
            return spec.attempt(AbortSignal.any(signals));
          });
          status = result.status;
          return result.value;
        } catch (thrown) {
          throwIfStopped(options.signal, options.system);
          const error = isBearingError(thrown)
            ? thrown
            : errorFromTransport(options.system, spec.method, spec.url, thrown);
          status = error.status ?? 0;
          const decision = decideRetry(error, attempts, policy, { safeToRepeat, random });
          if (!decision.retry) throw safeToRepeat ? error : unknownOutcome(error);
          if (error.kind === 'rateLimited') {
            attempts.rateLimited++;
            options.lane.pauseFor(decision.delayMs);
          } else {
            attempts.transient++;
          }
          options.log.warn(
            {
              system: options.system,
              endpoint: spec.endpoint,
              status,
              retryInMs: decision.delayMs,
              attempt: attempts,
            },
            `retrying after: ${error.message}`,
          );
          await sleep(decision.delayMs, options.signal);
        } finally {
          options.onCall?.({
            system: options.system,
            endpoint: spec.endpoint,
            method: spec.method.toUpperCase(),
            status,
            durationMs: performance.now() - started,
          });
        }
      }
    },
  };
}

/** A write that failed with no definite answer, marked so its caller reads the item back first. */
function unknownOutcome(error: BearingError): BearingError {
  if (error.kind !== 'transient') return error;
  return new BearingError(
    error.kind,
    `${error.message} — it may have landed all the same, so it was not sent again`,
    {
      cause: error,
      status: error.status,
      details: { ...error.details, outcomeUnknown: true },
    },
  );
}

function throwIfStopped(signal: AbortSignal | undefined, system: string): void {
  if (signal?.aborted)
    throw new BearingError('fatal', `${system}: stopped before the request finished (shutdown)`);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
