import { BearingError } from '../../core/index.js';

/** SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html) with a hint an admin can act on. */
const HINTS: Record<string, string> = {
  '28P01': 'the server refused the password; check the user and password in the `store` URL',
  '28000': 'the server refused the login; check the user in the `store` URL and pg_hba.conf',
  '3D000': 'the database does not exist; create it (createdb) or fix the database name in the `store` URL',
  '3F000':
    'the schema to create tables in does not exist; create it, or fix search_path in the `store` URL’s options',
  '42501': 'the store user lacks a privilege on the database or its tables; grant it, or use the owner',
  '42P01': 'the schema is missing or out of date; call migrate() first',
  '42703': 'the schema is missing or out of date; call migrate() first',
  '25006': 'the server is a read-only replica; point `store` at the primary',
  '53100': 'the database server’s disk is full; free space on the volume holding the data directory',
  '53300': 'the server has no connection slots left; the next attempt may succeed',
  '57P01': 'the server is shutting down or restarting; the next attempt may succeed',
  '57P03': 'the server is starting up; the next attempt may succeed',
  '40001': 'a concurrent transaction conflicted with this one; the next attempt may succeed',
  '40P01': 'a deadlock with another transaction was broken; the next attempt may succeed',
};

/** Worth a retry: the server is away or busy, or a concurrent transaction got in the way. */
const TRANSIENT_SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03', '40001', '40P01', '55P03']);

const UNREACHABLE =
  'the PostgreSQL server cannot be reached; check it runs and that host and port in `store` are right';
const NETWORK_CODES: Record<string, { transient: boolean; hint: string }> = {
  ECONNREFUSED: { transient: true, hint: UNREACHABLE },
  ECONNRESET: { transient: true, hint: 'the server closed the connection; the next attempt may succeed' },
  ETIMEDOUT: { transient: true, hint: UNREACHABLE },
  EHOSTUNREACH: { transient: true, hint: UNREACHABLE },
  ENETUNREACH: { transient: true, hint: UNREACHABLE },
  EPIPE: { transient: true, hint: 'the server closed the connection; the next attempt may succeed' },
  EAI_AGAIN: { transient: true, hint: 'the host name could not be resolved right now' },
  ENOTFOUND: { transient: false, hint: 'no such host; check the host name in the `store` URL' },
};

/** What node-postgres throws without a code when a connection breaks or cannot be had in time. */
const TRANSIENT_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i];

const codeOf = (e: unknown): string | undefined => {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Turns what node-postgres throws into a BearingError naming the store (never its password) and the
 * operation, with a hint. An unreachable or busy server and conflicting transactions are `transient`;
 * everything else is `fatal`. Our own BearingErrors and errors not from the database (a payload
 * that cannot be serialised) are returned unchanged.
 */
export function toStoreError(e: unknown, label: string, operation: string): unknown {
  if (e instanceof BearingError || !(e instanceof Error)) return e;
  const code = codeOf(e);
  const isSqlState = code !== undefined && /^[0-9A-Z]{5}$/.test(code);
  const network = code !== undefined ? NETWORK_CODES[code] : undefined;
  const knownMessage = TRANSIENT_MESSAGES.some((m) => m.test(e.message));
  if (!isSqlState && !network && !knownMessage) return e;

  const transient = isSqlState
    ? TRANSIENT_SQLSTATES.has(code) || code.startsWith('08')
    : (network?.transient ?? true);
  const hint = isSqlState
    ? (HINTS[code] ?? (code.startsWith('08') ? UNREACHABLE : undefined))
    : (network?.hint ?? 'the connection to the server broke; the next attempt may succeed');
  const message = `store ${label}: ${operation} failed: ${e.message || code}${hint ? ` (${hint})` : ''}`;
  return new BearingError(transient ? 'transient' : 'fatal', message, {
    cause: e,
    details: { store: label, operation, ...(code ? { code } : {}) },
  });
}

export const closedError = (label: string, operation: string): BearingError =>
  new BearingError('fatal', `store ${label}: ${operation} failed: the store is already closed`);
