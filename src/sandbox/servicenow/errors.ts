/**
 * ServiceNow's JSON answers: lists, and for failures the envelope `{"error":{"message","detail"},"status":"failure"}`
 * (api-facts §6.5) with the wording recorded there, and the 429 of §6.6.
 */

import { textPiecesResponse } from '../http/text-body.js';

const JSON_TYPE = 'application/json;charset=UTF-8';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': JSON_TYPE, ...headers } });
}

/** `{"result":[…]}` from each record's JSON, sent piece by piece (textPiecesResponse). */
export function resultListResponse(records: readonly string[], headers: Record<string, string>): Response {
  const pieces = ['{"result":['];
  for (const [i, record] of records.entries()) pieces.push(i === 0 ? record : `,${record}`);
  pieces.push(']}');
  return textPiecesResponse(pieces, { status: 200, headers: { 'Content-Type': JSON_TYPE, ...headers } });
}

export function errorResponse(
  status: number,
  message: string,
  detail: string | null,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ error: { message, detail }, status: 'failure' }, status, headers);
}

/** 401 for missing or wrong credentials (§6.5). */
export const notAuthenticated = (): Response =>
  errorResponse(401, 'User Not Authenticated', 'Required to provide Auth information');

/** 404: a missing record and one an ACL hides look the same (§6.5). */
export const noRecord = (): Response =>
  errorResponse(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");

/** 403 on writes an ACL forbids (§6.5). */
export const writeDenied = (): Response =>
  errorResponse(403, 'Operation Failed', 'ACL Exception Update Failed due to security constraints');

/** 403 on list reads an ACL forbids (§6.5, secondary source). */
export const readDenied = (): Response => errorResponse(403, 'Insufficient rights to query records', null);

/** 400 for a table that does not exist (§6.5). */
export const invalidTable = (table: string): Response => errorResponse(400, `Invalid table ${table}`, null);

/** 400 for a path that names no API, e.g. the unversioned batch URL (§10.1). */
export const invalidUri = (): Response =>
  errorResponse(400, 'Requested URI does not represent any resource', null);

/** 400 for a write body that is not a JSON object (wording UNCONFIRMED). */
export const invalidJson = (): Response =>
  errorResponse(400, 'Exception while reading request', 'The payload is not valid JSON.');

/**
 * 405, as the real Table API answers a method a resource does not take. The fake also answers it to
 * POST on a table on purpose: bearing only reads and patches records, so an insert is a bug that
 * must fail loudly in tests rather than create a ticket.
 */
export const methodNotAllowed = (): Response => errorResponse(405, 'Method not Supported', null);

/**
 * §6.6: 429 with Retry-After (seconds), X-RateLimit-Limit (requests per *hour*), X-RateLimit-Reset
 * (UNIX epoch seconds) and X-RateLimit-Rule (the rule's sys_id); ServiceNow sends no
 * X-RateLimit-Remaining. The body's wording is UNCONFIRMED.
 */
export function rateLimitedResponse(
  retryAfterSeconds: number,
  limitPerSecond: number,
  nowMs: number,
): Response {
  const perHour = Math.round(limitPerSecond * 3600);
  return errorResponse(
    429,
    'Rate limit exceeded',
    `Rate limit of ${perHour} requests per hour exceeded by user`,
    {
      'Retry-After': String(retryAfterSeconds),
      'X-RateLimit-Limit': String(perHour),
      'X-RateLimit-Reset': String(Math.ceil(nowMs / 1000) + retryAfterSeconds),
      'X-RateLimit-Rule': RATE_LIMIT_RULE,
    },
  );
}

const RATE_LIMIT_RULE = '0ea8b8a3db33101093c7d9c2ca961934';

const SERVER_MESSAGES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A 5xx in the standard envelope. */
export function serverErrorResponse(status: number): Response {
  return errorResponse(
    status,
    SERVER_MESSAGES[status] ?? 'Server Error',
    'The instance could not process the request',
  );
}
