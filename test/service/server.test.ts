import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BearingError, type Clock } from '../../src/core/index.js';
import { createMetrics, type Metrics } from '../../src/metrics/index.js';
import { createWorker, type WorkerStatus } from '../../src/scheduler/index.js';
import { readiness, startServer, type Readiness, type RunningServer } from '../../src/server/index.js';
import { NEVER, memoryLog, sqliteStore } from './fixtures/helpers.js';
import { parseSamples } from './fixtures/world.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(
  ready: () => Promise<Readiness>,
  metrics: Metrics = createMetrics(),
): Promise<RunningServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', ready, metrics, log: memoryLog().log });
  servers.push(server);
  return server;
}

const healthy = (): WorkerStatus => ({
  closing: false,
  lastCycle: undefined,
  failingSince: undefined,
});

describe('/healthz', () => {
  it('answers 200 while the process is alive, even when not ready', async () => {
    const server = await serve(async () => ({ ready: false, reasons: ['store unreachable'] }));
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ alive: true });
  });
});

describe('/readyz', () => {
  it('is ready while the store answers, and 503 with the reason once it is closed', async () => {
    const { store } = await sqliteStore();
    const { log, lines } = memoryLog();
    const server = await serve(readiness({ store, worker: { status: healthy }, graceMs: 60_000, log }));

    const before = await fetch(`${server.url}/readyz`);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ ready: true, reasons: [] });

    await store.close();
    const after = await fetch(`${server.url}/readyz`);
    expect(after.status).toBe(503);
    expect(await after.json()).toEqual({ ready: false, reasons: ['store unreachable'] });
    expect(lines.some((l) => l.msg.startsWith('readiness: store unreachable'))).toBe(true);
  });

  it('turns 503 once cycles have kept failing for longer than the grace period', async () => {
    const { store } = await sqliteStore();
    let now = Date.parse('2026-11-20T10:00:00Z');
    const clock: Clock = { now: () => now };
    const { log } = memoryLog();
    const worker = createWorker({
      store,
      log,
      clock,
      holder: 'worker-a',
      schedules: { sync: NEVER, report: NEVER, timezone: 'UTC' },
      runCycle: async () => {
        throw new BearingError('transient', 'servicenow: 503 Service Unavailable');
      },
      runReport: async () => undefined,
    });
    const server = await serve(readiness({ store, worker, graceMs: 15 * 60_000, clock, log }));
    await worker.runOnce().catch(() => undefined);

    now += 15 * 60_000;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    now += 1;
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Readiness;
    expect(body.reasons).toHaveLength(1);
    expect(body.reasons[0]).toMatch(
      /^cycles failing since 2026-11-20T10:00:00\.000Z \(longer than 900 s\); last run /,
    );
    // The reason is public: the error text stays in the logs.
    expect(body.reasons[0]).not.toContain('Service Unavailable');
    await worker.close();
  });

  it('is not ready while the worker shuts down', async () => {
    const { store } = await sqliteStore();
    const status = (): WorkerStatus => ({ ...healthy(), closing: true });
    const server = await serve(readiness({ store, worker: { status }, graceMs: 1, log: memoryLog().log }));
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reasons: ['shutting down'] });
  });
});

describe('/metrics', () => {
  it('serves the Prometheus text format with the calls recorded through the facade', async () => {
    const metrics = createMetrics();
    const server = await serve(async () => ({ ready: true, reasons: [] }), metrics);
    const call = { system: 'jira', endpoint: 'search', method: 'GET', durationMs: 120 };
    metrics.recordCall({ ...call, status: 200 });
    metrics.recordCall({ ...call, status: 200 });
    metrics.recordCall({ ...call, status: 0 });
    metrics.recordPull('servicenow', 'incident', 100, 2);
    metrics.recordWrites('jira', 40, 1);
    metrics.recordCycle('succeeded', 90_000, Date.parse('2026-11-20T10:00:00Z'));
    metrics.recordDelivery('email', 'delivered');

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseSamples(await res.text());
    expect(samples.get('bearing_api_calls_total{system="jira",endpoint="search",status="200"}')).toBe(2);
    expect(samples.get('bearing_api_calls_total{system="jira",endpoint="search",status="none"}')).toBe(1);
    expect(samples.get('bearing_api_call_duration_seconds_count{system="jira",endpoint="search"}')).toBe(3);
    expect(
      samples.get('bearing_api_call_duration_seconds_bucket{le="0.25",system="jira",endpoint="search"}'),
    ).toBe(3);
    expect(samples.get('bearing_items_pulled_total{system="servicenow",scope="incident"}')).toBe(100);
    expect(samples.get('bearing_items_quarantined_total{system="servicenow",scope="incident"}')).toBe(2);
    expect(samples.get('bearing_writes_total{system="jira",outcome="done"}')).toBe(40);
    expect(samples.get('bearing_writes_total{system="jira",outcome="failed"}')).toBe(1);
    expect(samples.get('bearing_cycles_total{outcome="succeeded"}')).toBe(1);
    expect(samples.get('bearing_cycle_duration_seconds_sum')).toBe(90);
    expect(samples.get('bearing_last_successful_cycle_timestamp_seconds')).toBe(
      Date.parse('2026-11-20T10:00:00Z') / 1000,
    );
    expect(samples.get('bearing_report_deliveries_total{channel="email",outcome="delivered"}')).toBe(1);
    expect([...samples.keys()].some((k) => k.startsWith('process_cpu_user_seconds_total'))).toBe(true);
  });

  it('keeps each instance in its own registry', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.recordDelivery('webhook', 'failed');
    const fromB = parseSamples((await b.render()).body);
    expect(fromB.has('bearing_report_deliveries_total{channel="webhook",outcome="failed"}')).toBe(false);
  });
});

describe('the server', () => {
  it('answers 404 for other paths and 405 for other methods', async () => {
    const server = await serve(async () => ({ ready: true, reasons: [] }));
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 without the error text when a check throws', async () => {
    const server = await serve(async () => {
      throw new Error('secret-ish detail');
    });
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret-ish');
  });

  it('says which setting to change when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const error = await startServer({
      port,
      host: '127.0.0.1',
      ready: async () => ({ ready: true, reasons: [] }),
      metrics: createMetrics(),
      log: memoryLog().log,
    }).catch((e: unknown) => e);
    await new Promise((resolve) => blocker.close(resolve));
    expect(error).toBeInstanceOf(BearingError);
    expect(error).toMatchObject({ kind: 'config' });
    expect((error as Error).message).toBe(
      `server: cannot listen on 127.0.0.1:${port} (EADDRINUSE); set server.port and server.host in bearing.yaml`,
    );
  });

  it('stops accepting connections on close', async () => {
    const server = await serve(async () => ({ ready: true, reasons: [] }));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
