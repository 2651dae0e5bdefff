/**
 * `POST /api/now/v1/batch` (api-facts §10.1): many REST requests in one call. Each item runs like
 * the direct call, as the same user; item failures do not fail the batch; item bodies travel as
 * Base64. Items past the configured transaction quota come back in `unserviced_requests`.
 */
import { errorResponse, jsonResponse } from './errors.js';
import type { ServiceNowState } from './state.js';

export interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: { name: string; value: string }[];
  body?: string;
  exclude_response_headers?: boolean;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/**
 * @param route answers one item as the direct call would (auth already settled for the batch).
 */
export async function runBatch(
  state: ServiceNowState,
  origin: string,
  request: Request,
  route: (item: Request) => Promise<Response>,
): Promise<Response> {
  // §10.1: application/json is the only request type accepted.
  if (!(request.headers.get('content-type') ?? '').toLowerCase().includes('application/json')) {
    return errorResponse(415, 'Unsupported Media Type', 'Content-Type must be application/json');
  }
  let body: { batch_request_id?: unknown; rest_requests?: unknown };
  try {
    body = JSON.parse(await request.text()) as typeof body;
  } catch {
    return errorResponse(400, 'Exception while reading request', 'The payload is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || !Array.isArray(body.rest_requests)) {
    return errorResponse(400, 'Bad Request', 'rest_requests is a required array');
  }
  const items = body.rest_requests as BatchItem[];
  const limit = state.config.batchServicedLimit ?? Number.POSITIVE_INFINITY;
  const serviced: Record<string, unknown>[] = [];
  const unserviced: string[] = [];
  for (const [i, item] of items.entries()) {
    if (i >= limit) unserviced.push(String(item?.id ?? ''));
    else serviced.push(await runItem(state, origin, item, route));
  }
  return jsonResponse({
    batch_request_id: body.batch_request_id ?? '',
    serviced_requests: serviced,
    unserviced_requests: unserviced,
  });
}

async function runItem(
  state: ServiceNowState,
  origin: string,
  item: BatchItem,
  route: (item: Request) => Promise<Response>,
): Promise<Record<string, unknown>> {
  const started = state.now();
  const id = String(item?.id ?? '');
  if (typeof item?.method !== 'string' || typeof item.url !== 'string' || id === '') {
    return {
      id,
      status_code: 400,
      status_text: STATUS_TEXT[400],
      headers: [],
      body: '',
      execution_time: 0,
      error_message: 'id, method and url are required',
    };
  }
  const method = item.method.toUpperCase();
  const headers = new Headers();
  for (const h of item.headers ?? []) headers.append(h.name, h.value);
  const hasBody = item.body !== undefined && method !== 'GET' && method !== 'HEAD';
  const response = await route(
    new Request(new URL(item.url, origin), {
      method,
      headers,
      body: hasBody ? Buffer.from(item.body as string, 'base64') : undefined,
    }),
  );
  const responseHeaders: { name: string; value: string }[] = [];
  if (!item.exclude_response_headers)
    response.headers.forEach((value, name) => responseHeaders.push({ name, value }));
  const text = await response.text();
  return {
    id,
    status_code: response.status,
    status_text: STATUS_TEXT[response.status] ?? '',
    headers: responseHeaders,
    body: Buffer.from(text, 'utf8').toString('base64'),
    execution_time: state.now() - started,
  };
}
