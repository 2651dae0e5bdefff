/**
 * The ServiceNow wire client: endpoints, query strings, auth, error hints, answer shapes. It owns the
 * HTTP layer (lane, retries, call counts come from it); the puller, writer and setup above it see
 * only plain records and BearingErrors.
 */
import { z } from 'zod';
import { BearingError } from '../../core/errors.js';
import type { Clock } from '../../core/time.js';
import { createHttpClient, type Executor, type HttpAuth } from '../http/index.js';
import { describeCall } from '../../core/http-errors.js';
import type { RawRecord } from './raw.js';
import { descriptorOf, type BearingColumns } from './tables.js';

export interface ListRequest {
  /** Encoded query (built by query.ts). */
  query?: string;
  fields: readonly string[];
  /**
   * `all` gives every field as `{display_value, value}` (names of references, labels of choices,
   * journals); `false` raw values only (§6.1, §6.2).
   */
  displayValue: 'all' | 'false';
  limit: number;
}

/** One PATCH inside a Batch API call. */
export interface BatchItemRequest {
  id: string;
  table: string;
  sysId: string;
  body: Record<string, unknown>;
  /** `sysparm_fields` of the answer. */
  fields: readonly string[];
}

export interface BatchItemAnswer {
  id: string;
  status: number;
  /** The item's answer, parsed from its Base64 JSON body; undefined when it had none or it was no JSON. */
  body: unknown;
  errorMessage: string | undefined;
}

export interface BatchAnswer {
  serviced: BatchItemAnswer[];
  /** Items the 30 s transaction quota cut off before they ran (§10.1). */
  unserviced: string[];
}

export interface ServiceNowWire {
  readonly baseUrl: string;
  /** `GET /api/now/table/{table}`: one page of records. */
  list(table: string, request: ListRequest): Promise<RawRecord[]>;
  /** `PATCH /api/now/table/{table}/{sys_id}`: the record as it is after the write, shaped by `fields`. */
  patch(
    table: string,
    sysId: string,
    body: Record<string, unknown>,
    fields: readonly string[],
  ): Promise<RawRecord>;
  /** `POST /api/now/v1/batch` with PATCH items. */
  batch(items: readonly BatchItemRequest[], batchId: string): Promise<BatchAnswer>;
  /** The 401/403 explanation for a call (also used for Batch API items, which bypass the HTTP layer's mapping). */
  hint(status: number, method: string, path: string): string | undefined;
}

export interface WireOptions {
  url: string;
  auth: HttpAuth;
  executor: Executor;
  columns: BearingColumns;
  rejectUnauthorized: boolean;
  clock: Clock;
}

const TABLE_PATH = /^\/api\/now(?:\/v\d)?\/table\/([^/?]+)/;

/**
 * What to fix after a 401 or 403 (api-facts §6.5, §6.7), naming the table and the role or ACL.
 * Reads and writes need different things; sys_user, sys_dictionary and sys_db_object are read only.
 */
function serviceNowHint(columns: BearingColumns) {
  return (status: number, method: string, path: string): string | undefined => {
    if (status === 401) {
      return 'check servicenow.auth: the user and password (or the token) were not accepted, or the account is not allowed to use the REST API';
    }
    if (status !== 403) return undefined;
    const table = decodeURIComponent(TABLE_PATH.exec(path)?.[1] ?? '');
    if (table === '')
      return 'the account may not use this API: check its roles and the REST API access policies';
    if (table === 'sys_dictionary' || table === 'sys_db_object') {
      return `the account needs read access to ${table} (the admin or personalize_dictionary role) to check bearing's columns`;
    }
    const role = descriptorOf(table)?.role ?? (table === 'sys_user' ? 'itil' : undefined);
    const grant = role ? `the ${role} role, or ` : '';
    if (method.toUpperCase() === 'GET')
      return `the account needs read access to ${table} (${grant}a read ACL on ${table})`;
    const cols = [columns.score, columns.goal, columns.flags].join(', ');
    return `the account needs write access to ${table} and its columns ${cols} (${grant}write ACLs on ${table}.${columns.score} and the other two)`;
  };
}

/**
 * The query string, encoded by hand: axios would send spaces as `+`, and whether ServiceNow reads `+`
 * as a space is UNCONFIRMED (§6.3 says send `%20`).
 */
function queryString(params: Record<string, string | number>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

const tablePath = (table: string, sysId?: string): string =>
  `/api/now/table/${encodeURIComponent(table)}${sysId === undefined ? '' : `/${encodeURIComponent(sysId)}`}`;

/** Parameters of every read and write answer: no reference links, no count, no Link header (§6.1). */
const LEAN = {
  sysparm_exclude_reference_link: 'true',
  sysparm_no_count: 'true',
  sysparm_suppress_pagination_header: 'true',
};

const writeQuery = (fields: readonly string[]): string =>
  queryString({ sysparm_fields: fields.join(','), sysparm_display_value: 'false', ...LEAN });

/** A record object, checked without copying it (pages hold a thousand of them). */
const record = z.custom<RawRecord>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected a record object',
);
const listAnswer = z.object({ result: z.array(record) });
const recordAnswer = z.object({ result: record });
const batchAnswer = z.object({
  serviced_requests: z
    .array(
      z.looseObject({
        id: z.coerce.string(),
        status_code: z.coerce.number(),
        body: z.string().nullish(),
        error_message: z.string().nullish(),
      }),
    )
    .default([]),
  unserviced_requests: z.array(z.coerce.string()).default([]),
});

export function createServiceNowWire(options: WireOptions): ServiceNowWire {
  const baseUrl = options.url.replace(/\/+$/, '');
  const hint = serviceNowHint(options.columns);
  const http = createHttpClient({
    system: 'servicenow',
    baseUrl,
    auth: options.auth,
    executor: options.executor,
    rejectUnauthorized: options.rejectUnauthorized,
    hint,
    now: () => options.clock.now(),
  });

  function parse<T>(schema: z.ZodType<T>, data: unknown, method: string, path: string): T {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    throw new BearingError(
      'fatal',
      `servicenow: ${describeCall(method, `${baseUrl}${path}`)} answered 200 with an unexpected body (${parsed.error.issues[0]?.message ?? 'no detail'})`,
    );
  }

  return {
    baseUrl,
    hint,
    async list(table, request) {
      const path = `${tablePath(table)}?${queryString({
        ...(request.query ? { sysparm_query: request.query } : {}),
        sysparm_fields: request.fields.join(','),
        sysparm_display_value: request.displayValue,
        sysparm_limit: request.limit,
        ...LEAN,
      })}`;
      const response = await http.request({ endpoint: `table:${table}`, method: 'GET', path });
      return parse(listAnswer, response.data, 'GET', path).result;
    },
    async patch(table, sysId, body, fields) {
      const path = `${tablePath(table, sysId)}?${writeQuery(fields)}`;
      const response = await http.request({
        endpoint: `table:${table}:write`,
        method: 'PATCH',
        path,
        data: body,
        headers: { 'Content-Type': 'application/json' },
      });
      return parse(recordAnswer, response.data, 'PATCH', path).result;
    },
    async batch(items, batchId) {
      const path = '/api/now/v1/batch'; // §10.1: only the versioned URL exists.
      const response = await http.request({
        endpoint: 'batch',
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/json' },
        data: {
          batch_request_id: batchId,
          rest_requests: items.map((item) => ({
            id: item.id,
            method: 'PATCH',
            url: `${tablePath(item.table, item.sysId)}?${writeQuery(item.fields)}`,
            headers: [
              { name: 'Content-Type', value: 'application/json' },
              { name: 'Accept', value: 'application/json' },
            ],
            body: Buffer.from(JSON.stringify(item.body), 'utf8').toString('base64'),
            exclude_response_headers: true,
          })),
        },
      });
      const answer = parse(batchAnswer, response.data, 'POST', path);
      return {
        serviced: answer.serviced_requests.map((s) => ({
          id: s.id,
          status: s.status_code,
          body: decodeBody(s.body),
          errorMessage: s.error_message ?? undefined,
        })),
        unserviced: answer.unserviced_requests,
      };
    },
  };
}

function decodeBody(body: string | null | undefined): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
