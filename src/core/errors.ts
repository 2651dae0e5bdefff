/**
 * One error type with a `kind` that decides behaviour (see style.md, practice 4):
 * - transient: retry with backoff (5xx, timeouts, resets)
 * - rateLimited: pause the system's lane until `retryAfterMs`, then retry
 * - auth: stop the run; credentials or permissions must be fixed by an admin
 * - notFound: the thing asked for does not exist; never retried
 * - invalidData: one record is bad; quarantine it and go on
 * - config: the configuration is wrong; stop at start-up (exit 2)
 * - conflict: a lease or lock is held by someone else
 * - fatal: anything else that must stop the stage
 */
export type ErrorKind =
  'transient' | 'rateLimited' | 'auth' | 'notFound' | 'invalidData' | 'config' | 'conflict' | 'fatal';

export interface BearingErrorOptions {
  cause?: unknown;
  /** Milliseconds to wait before retrying, for `rateLimited` (from Retry-After or a reset header). */
  retryAfterMs?: number;
  /** HTTP status when the error came from an HTTP answer. */
  status?: number;
  /** Extra, secret-free context for logs. */
  details?: Record<string, unknown>;
}

export class BearingError extends Error {
  readonly kind: ErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, message: string, options: BearingErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BearingError';
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.details = options.details;
  }
}

/** A configuration problem: names the file and the key path, ends the process with exit code 2. */
export class ConfigError extends BearingError {
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super('config', issues.join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export const isBearingError = (e: unknown): e is BearingError => e instanceof BearingError;
export const errorKind = (e: unknown): ErrorKind => (isBearingError(e) ? e.kind : 'fatal');
export const isTransient = (e: unknown): boolean => errorKind(e) === 'transient';
export const isRateLimited = (e: unknown): boolean => errorKind(e) === 'rateLimited';
export const isAuthError = (e: unknown): boolean => errorKind(e) === 'auth';
export const isConfigError = (e: unknown): e is ConfigError => e instanceof ConfigError;
export const isInvalidData = (e: unknown): boolean => errorKind(e) === 'invalidData';
export const isRetryable = (e: unknown): boolean => isTransient(e) || isRateLimited(e);

/** The message of any thrown value, for logs and summaries. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
