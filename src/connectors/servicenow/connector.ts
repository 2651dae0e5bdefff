import { ConfigError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { systemClock, type Clock } from '../../core/time.js';
import type { Connector } from '../connector.js';
import { createExecutor, type CallRecord, type HttpAuth } from '../http/index.js';
import { createLane, type LaneOptions } from '../../core/lane.js';
import { type RetryPolicy } from '../../core/retry.js';
import { inspectColumns, setupReport } from './columns.js';
import { createNormalizer, type ExecutiveRules } from './normalize.js';
import { pullTable } from './puller.js';
import { checkConfigQuery } from './query.js';
import { cellOf } from './raw.js';
import {
  columnsToRead,
  DEFAULT_TABLES,
  descriptorOf,
  type BearingColumns,
  type TableDescriptor,
} from './tables.js';
import { listTableIds } from './sweep.js';
import { createWriter } from './writer.js';
import { createServiceNowWire } from './wire.js';

/** Basic auth with the service account, or an OAuth 2.0 access token (api-facts §6.7). */
export type ServiceNowAuthOptions = { user: string; password: string } | { token: string };

/** Who counts as an executive (the `executives` config section; only its ServiceNow-relevant parts). */
export interface ServiceNowExecutives {
  /** Matched case-insensitively against sys_user.email. */
  emails: readonly string[];
  servicenow: {
    /** The sys_user `vip` flag makes a requester an executive. */
    vip: boolean;
    /** A regular expression (source text) matched case-insensitively against sys_user.title. */
    titlePattern?: string;
  };
}

/** Options of `createServiceNowConnector`, as plain data (main maps the `servicenow` config section onto them). */
export interface ServiceNowConnectorOptions {
  /** Instance URL: `https://acme.service-now.com`. */
  url: string;
  auth: ServiceNowAuthOptions;
  /**
   * The tables to pull and write, each its own scope with its own cursor.
   * @default ['incident', 'sc_req_item', 'change_request', 'pm_project', 'dmn_demand']
   */
  tables?: readonly string[];
  /**
   * An extra encoded query ANDed into every table's query (e.g. `sys_created_on>=2026-01-01 00:00:00`).
   * `^NQ`, `ORDERBY` and a leading `OR` term are refused at construction.
   */
  query?: string;
  /** Names of bearing's three columns. */
  fields: BearingColumns;
  rateLimit: LaneOptions;
  /** Per-attempt timeout of every request. */
  timeoutMs: number;
  /** TLS certificate checks; off only when an admin says so. */
  rejectUnauthorized: boolean;
  /** Write through the Batch API (`POST /api/now/v1/batch`, many PATCHes per call) instead of one PATCH per record. */
  batch: boolean;
  /**
   * Records per page (`sysparm_limit`). The platform's default page is 10,000 with no documented cap
   * (§6.1); 1,000 keeps each request far from the 60 s transaction cut-off (§10) and a page's memory small.
   * @default 1000
   */
  pageSize?: number;
  executives: ServiceNowExecutives;
  /** E-mails of goal sponsors, who count as executives too. @default [] */
  sponsorEmails?: readonly string[];
  /**
   * Records updated in the last `settleMs` before a run starts wait for the next run (see puller.ts).
   * @default 10000
   */
  settleMs?: number;
  log: Logger;
  /** @default the system clock */
  clock?: Clock;
  /** Called after every HTTP attempt (metrics, bench counts). */
  onCall?: (call: CallRecord) => void;
  /** @default DEFAULT_RETRY_POLICY */
  retry?: RetryPolicy;
  /** Ends waiting and retrying on shutdown. */
  signal?: AbortSignal;
}

export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_SETTLE_MS = 10_000;
/** §6.1: the platform's default page; larger pages risk the 60 s transaction cut-off (§10). */
const MAX_PAGE_SIZE = 10_000;

/**
 * The ServiceNow connector: one scope per table, keyset-paged pulls with requesters and assignees
 * dot-walked in the same rows, write-back of bearing's three columns, and the column check of `bearing setup`.
 */
export function createServiceNowConnector(options: ServiceNowConnectorOptions): Connector {
  const checked = checkOptions(options);
  const clock = options.clock ?? systemClock;
  const log = options.log.child({ system: 'servicenow' });
  const executor = createExecutor({
    system: 'servicenow',
    lane: createLane(options.rateLimit),
    log,
    timeoutMs: options.timeoutMs,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const wire = createServiceNowWire({
    url: options.url,
    auth: httpAuth(options.auth),
    executor,
    columns: options.fields,
    rejectUnauthorized: options.rejectUnauthorized,
    clock,
  });
  const normalize = createNormalizer({
    baseUrl: wire.baseUrl,
    columns: options.fields,
    executives: checked.executives,
  });
  const fields = new Map(checked.tables.map((d) => [d.table, columnsToRead(d, options.fields)]));
  const tableNames = checked.tables.map((d) => d.table);
  const inspect = (tables: readonly string[]) => inspectColumns(wire, tables, options.fields);

  const descriptorOfScope = (scope: string): TableDescriptor => {
    const descriptor = checked.tables.find((d) => d.table === scope);
    if (!descriptor) {
      throw new ConfigError([
        `servicenow: "${scope}" is not one of the configured tables (${tableNames.join(', ')})`,
      ]);
    }
    return descriptor;
  };

  return {
    system: 'servicenow',
    concurrency: options.rateLimit.concurrency,
    scopes: () => Promise.resolve([...tableNames]),
    pull(scope, context) {
      const descriptor = descriptorOfScope(scope);
      return pullTable(
        {
          wire,
          normalize,
          fieldsOf: (d) => fields.get(d.table) ?? [],
          pageSize: checked.pageSize,
          extraQuery: checked.query,
          settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
        },
        descriptor,
        context,
      );
    },
    listIds(scope, signal) {
      return listTableIds(wire, descriptorOfScope(scope).table, checked.query, signal);
    },
    async setup() {
      return setupReport(wire.baseUrl, await inspect(tableNames));
    },
    async check() {
      const auth = options.auth;
      if ('user' in auth && !/[\^\n]/.test(auth.user)) {
        const [me] = await wire.list('sys_user', {
          query: `user_name=${auth.user}`,
          fields: ['sys_id', 'user_name', 'name'],
          displayValue: 'false',
          limit: 1,
        });
        const name = me ? cellOf(me, 'name').value : '';
        return `ServiceNow ${wire.baseUrl}: signed in as ${auth.user}${name ? ` (${name})` : ''}`;
      }
      const table = tableNames[0] as string;
      await wire.list(table, { fields: ['sys_id'], displayValue: 'false', limit: 1 });
      return `ServiceNow ${wire.baseUrl}: signed in with the token; ${table} is readable`;
    },
    writer: createWriter({
      wire,
      columns: options.fields,
      tables: tableNames,
      batch: options.batch,
      concurrency: Math.max(2, options.rateLimit.concurrency * 2),
      inspect,
      log,
    }),
  };
}

function httpAuth(auth: ServiceNowAuthOptions): HttpAuth {
  return 'token' in auth
    ? { type: 'bearer', token: auth.token }
    : { type: 'basic', username: auth.user, password: auth.password };
}

/** Checks the plain-data options once, naming the key of every problem (exit code 2 upstream). */
function checkOptions(options: ServiceNowConnectorOptions): {
  tables: TableDescriptor[];
  pageSize: number;
  query: string | undefined;
  executives: ExecutiveRules;
} {
  const issues: string[] = [];
  const names = options.tables ?? DEFAULT_TABLES;
  const tables: TableDescriptor[] = [];
  for (const name of new Set(names)) {
    const d = descriptorOf(name);
    if (d) tables.push(d);
    else
      issues.push(`servicenow.tables: "${name}" is not supported; use some of ${DEFAULT_TABLES.join(', ')}`);
  }
  if (!names.length) issues.push('servicenow.tables: name at least one table');
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    issues.push(`servicenow.pageSize: expected an integer 1–${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  let query: string | undefined;
  try {
    query = checkConfigQuery(options.query);
  } catch (error) {
    issues.push((error as Error).message);
  }
  let title: RegExp | undefined;
  const pattern = options.executives.servicenow.titlePattern;
  if (pattern !== undefined) {
    try {
      title = new RegExp(pattern, 'i');
    } catch (error) {
      issues.push(
        `executives.servicenow.titlePattern: not a regular expression (${(error as Error).message})`,
      );
    }
  }
  if (issues.length) throw new ConfigError(issues);
  return {
    tables,
    pageSize,
    query,
    executives: {
      emails: new Set(
        [...options.executives.emails, ...(options.sponsorEmails ?? [])].map((e) => e.trim().toLowerCase()),
      ),
      vip: options.executives.servicenow.vip,
      title,
    },
  };
}
