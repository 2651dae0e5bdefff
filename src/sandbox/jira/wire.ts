/**
 * Jira's answer shapes: JSON, the ErrorCollection (§3.2), the bulk error shape (§10.1), the REST
 * platform's 404 for unknown paths, and the 401 text.
 */

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });

/** §3.2: `{"errorMessages": [...], "errors": {...}}`; real answers carry `errors: {}` even when empty. */
export const errorCollection = (
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): Response => json({ errorMessages, errors }, status);

/** §10.1: bulk operations answer errors as `BulkOperationErrorResponse`, not an ErrorCollection. */
export const bulkError = (status: number, messages: string[]): Response =>
  json({ errors: messages.map((message) => ({ message })) }, status);

/**
 * Unknown resources (a path no route serves, e.g. `/rest/api/2/search/jql` on Data Center) get the
 * Atlassian REST platform's Jersey 404 `{"message":"null for uri: …","status-code":404}` on both Cloud and
 * Data Center (not in api-facts; seen in many recorded answers).
 */
export const unknownResource = (url: string): Response =>
  json({ message: `null for uri: ${url}`, 'status-code': 404 }, 404);

/**
 * §3.2 / §5.4: a 401 from Cloud comes as plain text (also for a scoped token or OAuth token on the site URL).
 * Data Center's body is not in api-facts; the same text is used there.
 */
export const unauthenticated = (): Response =>
  new Response('Client must be authenticated to access this resource.', {
    status: 401,
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
  });

export const noContent = (): Response => new Response(null, { status: 204 });

/** A method the path does not support (Jersey answers 405 with an empty body). */
export const methodNotAllowed = (): Response => new Response(null, { status: 405 });

/** Reads a JSON body; `undefined` for an empty body, an Error for a malformed one. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * 400 for a body that is missing or not JSON. Jira's real wording comes from its JSON parser
 * (e.g. "No content to map to Object due to end of input"), UNCONFIRMED beyond that shape.
 */
export function badBody(body: unknown): Response | undefined {
  if (body === undefined) return errorCollection(400, ['No content to map to Object due to end of input']);
  if (body instanceof Error)
    return errorCollection(400, [`Unexpected character in JSON body: ${body.message}`]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorCollection(400, ['Can not deserialize the request body: expected a JSON object']);
  }
  return undefined;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
