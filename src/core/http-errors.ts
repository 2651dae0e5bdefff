import { BearingError, type ErrorKind } from './errors.js';

export type HeaderReader = (name: string) => string | null | undefined;

/**
 * Milliseconds to wait from a 429 or 503: `Retry-After` (seconds or an HTTP date), else a reset
 * header (`X-RateLimit-Reset` as epoch seconds or an ISO time — Jira sends ISO, ServiceNow epoch).
 */
export function retryAfterMs(header: HeaderReader, nowMs: number): number | undefined {
  const retryAfter = header('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const reset = header('x-ratelimit-reset');
  if (reset) {
    const n = Number(reset);
    if (Number.isFinite(n)) {
      const ms = n > 1e12 ? n : n * 1000;
      return Math.max(0, ms - nowMs);
    }
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  return undefined;
}

export function kindOfStatus(status: number): ErrorKind {
  if (status === 429) return 'rateLimited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 408 || status >= 500) return 'transient';
  if (status === 409) return 'conflict';
  return 'invalidData';
}

/** Where a call went, without its query string (which can be long) and never with credentials. */
export function describeCall(method: string, url: string): string {
  try {
    const u = new URL(url);
    return `${method.toUpperCase()} ${u.origin}${u.pathname}`;
  } catch {
    return `${method.toUpperCase()} ${url.split('?')[0]}`;
  }
}

/** A short, single-line excerpt of an error body for messages. */
export function bodyExcerpt(body: unknown, max = 300): string {
  if (body === undefined || body === null || body === '') return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

export interface HttpFailure {
  system: string;
  method: string;
  url: string;
  status: number;
  body: unknown;
  header: HeaderReader;
  nowMs: number;
  /** A system-specific explanation of what to fix (401: credentials; 403: which role). */
  hint?: string;
}

export function errorFromResponse(f: HttpFailure): BearingError {
  const kind = kindOfStatus(f.status);
  const excerpt = bodyExcerpt(f.body);
  const message = `${f.system}: ${describeCall(f.method, f.url)} answered ${f.status}${excerpt ? `: ${excerpt}` : ''}${
    f.hint ? ` — ${f.hint}` : ''
  }`;
  return new BearingError(kind, message, {
    status: f.status,
    retryAfterMs: kind === 'rateLimited' || f.status === 503 ? retryAfterMs(f.header, f.nowMs) : undefined,
    details: { system: f.system, status: f.status },
  });
}

/**
 * A failure with no HTTP answer (timeout, reset, refused connection, a body cut off mid-JSON) is
 * transient: the same request may well succeed a moment later.
 */
export function errorFromTransport(
  system: string,
  method: string,
  url: string,
  error: unknown,
): BearingError {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const name = (error as { name?: string }).name;
  // axios reports our per-attempt AbortSignal.timeout as a cancellation.
  const timedOut =
    name === 'TimeoutError' ||
    name === 'CanceledError' ||
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT' ||
    code === 'ERR_CANCELED';
  const what = timedOut ? 'timed out' : `failed (${code ?? name ?? 'network error'})`;
  return new BearingError('transient', `${system}: ${describeCall(method, url)} ${what}`, {
    cause: error,
    details: { system, code },
  });
}
