/** The fake ServiceNow as a FakeService: authentication, routing, and the service's own 429/5xx. */
import type { FakeService } from '../http/fake-service.js';
import { FaultInjector } from '../http/faults.js';
import { authenticate, DEFAULT_AUTH, type FakeServiceNowAuth } from './auth.js';
import { runBatch } from './batch.js';
import {
  invalidTable,
  invalidUri,
  methodNotAllowed,
  notAuthenticated,
  rateLimitedResponse,
  serverErrorResponse,
} from './errors.js';
import { ServiceNowState, type ServiceNowStateOptions } from './state.js';
import { getRecord, listRecords, type ApiContext } from './table-get.js';
import { deleteRecord, updateRecord } from './table-write.js';

export interface FakeServiceNowOptions extends ServiceNowStateOptions {
  /** Accepted credentials. @default DEFAULT_AUTH (Basic `bearing` / `bearing`) */
  auth?: FakeServiceNowAuth;
}

export interface FakeServiceNow {
  service: FakeService;
  state: ServiceNowState;
}

/** `/api/now/table/{table}[/{sys_id}]`, also with `/v1` or `/v2` (§6.1). */
const TABLE_PATH = /^\/api\/now(?:\/v[12])?\/table\/([^/]+)(?:\/([^/]+))?\/?$/;
/** Only the versioned v1 batch URL exists (§10.1); `/api/now/batch` and `/v2/batch` are 400. */
const BATCH_PATH = /^\/api\/now\/v1\/batch\/?$/;

export function createFakeServiceNow(options: FakeServiceNowOptions = {}): FakeServiceNow {
  const state = new ServiceNowState(options);
  const auth = options.auth ?? DEFAULT_AUTH;

  async function route(request: Request, user: string, via: ApiContext['via']): Promise<Response> {
    const url = new URL(request.url);
    const ctx: ApiContext = { state, origin: state.config.instanceUrl ?? url.origin, user, via };
    const method = request.method.toUpperCase();
    if (BATCH_PATH.test(url.pathname) && via === 'table') {
      if (method !== 'POST') return methodNotAllowed();
      return runBatch(state, ctx.origin, request, (item) => route(item, user, 'batch'));
    }
    const m = TABLE_PATH.exec(url.pathname);
    if (!m) return invalidUri();
    const table = decodeURIComponent(m[1] as string);
    if (!state.tables().includes(table)) return invalidTable(table);
    const sysId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    if (sysId === undefined) return method === 'GET' ? listRecords(ctx, table, url) : methodNotAllowed();
    if (method === 'GET') return getRecord(ctx, table, sysId, url);
    if (method === 'PATCH' || method === 'PUT') return updateRecord(ctx, table, sysId, request, url);
    if (method === 'DELETE') return deleteRecord(ctx, table, sysId);
    return methodNotAllowed();
  }

  const service: FakeService = {
    name: 'servicenow',
    async handle(request) {
      const user = authenticate(request, auth);
      if (!user) return notAuthenticated();
      return route(request, user, 'table');
    },
    endpointOf(request) {
      const { pathname } = new URL(request.url);
      if (pathname.endsWith('/batch') || pathname.endsWith('/batch/')) return 'batch';
      const m = TABLE_PATH.exec(pathname);
      if (!m) return 'other';
      const write = ['PATCH', 'PUT', 'DELETE'].includes(request.method.toUpperCase());
      return `table:${decodeURIComponent(m[1] as string)}${write ? ':write' : ''}`;
    },
    rateLimited: (retryAfterSeconds, limitPerSecond) =>
      rateLimitedResponse(retryAfterSeconds, limitPerSecond, state.now()),
    serverError: (status) => serverErrorResponse(status),
  };
  return { service, state };
}

/** The fake behind a FaultInjector (call counts, faults), ready for mswHandlers / startLoopbackServer. */
export function createServiceNowSandbox(
  options: FakeServiceNowOptions & { faultSeed?: number } = {},
): FakeServiceNow & { injector: FaultInjector } {
  const fake = createFakeServiceNow(options);
  return { ...fake, injector: new FaultInjector(fake.service, { seed: options.faultSeed ?? 1 }) };
}
