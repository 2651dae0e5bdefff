import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type ReportJob, type RunningService } from '../../src/app/service.js';
import { openStore } from '../../src/store/index.js';
import { EVERY_SECOND, NEVER, onceIn, waitFor } from './fixtures/helpers.js';
import { botWrites, parseSamples, startWorld, sum, type World } from './fixtures/world.js';

// `bearing run` in this process against the sandbox: signals come from an emitter, and the exit
// code is kept instead of ending the test process.
let world: World | undefined;
const running: { signals: EventEmitter; service: RunningService }[] = [];
afterEach(async () => {
  for (const { signals, service } of running.splice(0)) {
    signals.emit('SIGTERM', 'SIGTERM');
    await service.stopped;
  }
  await world?.close();
  world = undefined;
});

const noReport: ReportJob = async () => undefined;

async function service(
  w: World,
  report: ReportJob = noReport,
): Promise<{ service: RunningService; signals: EventEmitter; exits: number[] }> {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const started = await startService(w.configPath, { report, signals, exit: (code) => exits.push(code) });
  running.push({ signals, service: started });
  return { service: started, signals, exits };
}

async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseSamples(await res.text());
}

const LOCAL_SERVER = { port: 0, host: '127.0.0.1' };

describe('bearing run as a service', () => {
  it('runs cycles on a seconds-level schedule, writes each ticket once, and stops cleanly on SIGTERM', async () => {
    world = await startWorld({
      config: { schedule: { sync: '*/2 * * * * *', report: NEVER, timezone: 'UTC' }, server: LOCAL_SERVER },
    });
    const { service: s, signals, exits } = await service(world);

    await expect
      .poll(async () => sum(await scrape(s.url), 'bearing_cycles_total', { outcome: 'succeeded' }), {
        timeout: 60_000,
        interval: 250,
      })
      .toBeGreaterThanOrEqual(2);

    const writes = botWrites(world.sandbox);
    expect(writes.length).toBeGreaterThan(0);
    expect(new Set(writes).size).toBe(writes.length);
    expect(sum(await scrape(s.url), 'bearing_cycles_total', { outcome: 'failed' })).toBe(0);

    signals.emit('SIGTERM', 'SIGTERM');
    expect(await s.stopped).toBe(0);
    expect(exits).toEqual([0]);
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    const store = await openStore(`sqlite:${world.storePath}`);
    try {
      expect((await store.acquireLease('cycle', 'probe', 60_000, Date.now())).acquired).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('serves Prometheus metrics: calls by system, endpoint and status, pulls, writes and cycles', async () => {
    // One cycle only: a second one would pull again what the first wrote back, before the scrape.
    world = await startWorld({
      config: { schedule: { sync: onceIn(5), report: NEVER, timezone: 'UTC' }, server: LOCAL_SERVER },
    });
    const { service: s } = await service(world);
    await expect
      .poll(async () => sum(await scrape(s.url), 'bearing_cycles_total', { outcome: 'succeeded' }), {
        timeout: 60_000,
        interval: 250,
      })
      .toBeGreaterThanOrEqual(1);

    const samples = await scrape(s.url);
    for (const system of ['jira', 'servicenow']) {
      expect(sum(samples, 'bearing_api_calls_total', { system, status: '200' })).toBeGreaterThan(0);
      expect(sum(samples, 'bearing_items_pulled_total', { system })).toBeGreaterThan(0);
      expect(sum(samples, 'bearing_writes_total', { system, outcome: 'done' })).toBeGreaterThan(0);
    }
    const endpoints = [...samples.keys()]
      .filter((k) => k.startsWith('bearing_api_calls_total{'))
      .map((k) => /endpoint="([^"]*)"/.exec(k)?.[1]);
    expect(new Set(endpoints).size).toBeGreaterThan(2);
    expect(sum(samples, 'bearing_items_pulled_total')).toBe(200);
    expect(sum(samples, 'bearing_items_quarantined_total')).toBe(0);
    expect(sum(samples, 'bearing_writes_total', { outcome: 'failed' })).toBe(0);
    expect(sum(samples, 'bearing_cycle_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sum(samples, 'bearing_last_successful_cycle_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 600,
    );
    expect(sum(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('answers /healthz and /readyz, and turns unready once the store is gone', async () => {
    world = await startWorld({
      config: { schedule: { sync: NEVER, report: NEVER, timezone: 'UTC' }, server: LOCAL_SERVER },
      setup: false,
    });
    const { service: s } = await service(world);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);

    await s.session.store.close();
    const gone = await fetch(`${s.url}/readyz`);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ ready: false, reasons: ['store unreachable'] });
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('runs the weekly report job on its own schedule with the session', async () => {
    world = await startWorld({
      config: { schedule: { sync: NEVER, report: EVERY_SECOND, timezone: 'UTC' }, server: LOCAL_SERVER },
      setup: false,
    });
    const seen: string[] = [];
    const { service: s } = await service(world, async (session, ctx) => {
      seen.push(`${session.config.schedule.timezone} ${ctx.runId}`);
      ctx.metrics.recordDelivery('file', 'delivered');
    });
    await waitFor(() => seen.length >= 1, 'a scheduled report');
    expect(seen[0]).toMatch(/^UTC \S+/);
    await expect
      .poll(async () =>
        sum(await scrape(s.url), 'bearing_report_deliveries_total', {
          channel: 'file',
          outcome: 'delivered',
        }),
      )
      .toBeGreaterThanOrEqual(1);
  });

  it('stops with exit code 2 saying `bearing setup` is needed when the fields do not exist', async () => {
    world = await startWorld({
      config: { schedule: { sync: EVERY_SECOND, report: NEVER, timezone: 'UTC' }, server: LOCAL_SERVER },
      setup: false,
    });
    const { service: s } = await service(world);
    expect(await s.stopped).toBe(2);
    running.splice(0);
  });
});
