/** Shared set-up for this folder's tests: a fake instance, a connector pointed at it, and helpers. */
import type { SetupServer } from 'msw/node';
import { silentLogger } from '../../core/log.js';
import { mswHandlers } from '../../sandbox/http/index.js';
import type { SeedPerson, SeedSnTicket } from '../../sandbox/seed.js';
import { createServiceNowSandbox, type FakeServiceNowOptions } from '../../sandbox/servicenow/index.js';
import type { Cursor } from '../../store/store.js';
import type { Connector, PulledPage } from '../connector.js';
import type { CallRecord } from '../http/index.js';
import { createServiceNowConnector, type ServiceNowConnectorOptions } from './connector.js';

export const BASE = 'https://acme.service-now.com';
/** The fake's clock at the start of every test: 2026-11-20 12:00:00 UTC. */
export const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export const COLUMNS = {
  score: 'u_alignment_score',
  goal: 'u_business_goal',
  flags: 'u_alignment_flags',
} as const;

export function connectorOptions(
  overrides: Partial<ServiceNowConnectorOptions> = {},
): ServiceNowConnectorOptions {
  return {
    url: BASE,
    auth: { user: 'bearing', password: 'bearing' },
    fields: { ...COLUMNS },
    rateLimit: { perSecond: 1000, concurrency: 4 },
    timeoutMs: 5000,
    rejectUnauthorized: true,
    batch: false,
    executives: { emails: [], servicenow: { vip: true } },
    log: silentLogger(),
    retry: { retries: 3, rateLimitRetries: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  };
}

export interface Instance {
  box: ReturnType<typeof createServiceNowSandbox>;
  connector: Connector;
  calls: CallRecord[];
  /** The fake's clock; tests move it to stamp edits. */
  clock: { now: number };
}

/** A fake instance served through `server` (msw) with a connector in front of it. */
export function instance(
  server: SetupServer,
  seed: { people: SeedPerson[]; tickets: SeedSnTicket[] },
  options: { connector?: Partial<ServiceNowConnectorOptions>; fake?: FakeServiceNowOptions } = {},
): Instance {
  const clock = { now: NOW };
  const box = createServiceNowSandbox({ now: () => clock.now, ...options.fake });
  box.state.load(seed.people, seed.tickets);
  server.use(...mswHandlers(box.injector, options.connector?.url ?? BASE));
  const calls: CallRecord[] = [];
  const connector = createServiceNowConnector(
    connectorOptions({ onCall: (c) => calls.push(c), ...options.connector }),
  );
  return { box, connector, calls, clock };
}

/** All pages of one pull. */
export async function pullAll(
  connector: Connector,
  scope: string,
  cursor: Cursor | null,
  runStartMs: number,
): Promise<PulledPage[]> {
  const pages: PulledPage[] = [];
  for await (const page of connector.pull(scope, {
    cursor,
    runStartMs,
    signal: new AbortController().signal,
  })) {
    pages.push(page);
  }
  return pages;
}

/** The cursor after the last page, or the one given when there was none. */
export const lastCursor = (pages: readonly PulledPage[], before: Cursor | null): Cursor | null =>
  pages.length ? (pages[pages.length - 1] as PulledPage).cursor : before;

/** Calls to one endpoint class (`table:incident`, `table:sys_user`, `batch`). */
export const callsTo = (calls: readonly CallRecord[], endpoint: string): CallRecord[] =>
  calls.filter((c) => c.endpoint === endpoint);
