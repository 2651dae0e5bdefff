import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallRecord } from '../connectors/http/index.js';

/** How a cycle (sync → analyze → write-back) ended. */
export type CycleOutcome = 'succeeded' | 'failed' | 'aborted';

/** Why a scheduled tick did not start a run. */
export type SkipReason = 'overlap' | 'standby';

/**
 * bearing's metrics, so nothing else imports prom-client. Labels carry only names bearing chose or
 * the admin configured (system, endpoint class, scope, channel): never item text, never a secret.
 */
export interface Metrics {
  /** One finished HTTP attempt; pass as the executor's `onCall`. */
  recordCall(call: CallRecord): void;
  /** Items stored from a page of `scope` and records quarantined from it. */
  recordPull(system: string, scope: string, pulled: number, quarantined: number): void;
  /** Field writes that landed and that failed in one write-back. */
  recordWrites(system: string, done: number, failed: number): void;
  recordCycle(outcome: CycleOutcome, durationMs: number, endedAtMs: number): void;
  recordSkippedTick(job: string, reason: SkipReason): void;
  /** Whether this process holds the named single-runner lease right now. */
  setLeaseHeld(name: string, held: boolean): void;
  /** One delivery of the weekly report (`file`, `email`, `webhook`). */
  recordDelivery(channel: string, outcome: 'delivered' | 'failed'): void;
  /** The Prometheus text exposition of everything above plus the process's own metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Status label of a call that got no answer (timeout, reset). */
const NO_ANSWER = 'none';

/** A fresh registry with bearing's metrics and the standard process metrics; one per process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const calls = new Counter({
    name: 'bearing_api_calls_total',
    help: 'HTTP attempts against Jira and ServiceNow, by system, endpoint class and HTTP status ("none" when no answer came).',
    labelNames: ['system', 'endpoint', 'status'] as const,
    registers,
  });
  const callDuration = new Histogram({
    name: 'bearing_api_call_duration_seconds',
    help: 'Duration of HTTP attempts against Jira and ServiceNow.',
    labelNames: ['system', 'endpoint'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const pulled = new Counter({
    name: 'bearing_items_pulled_total',
    help: 'Items stored from pulled pages, by system and scope.',
    labelNames: ['system', 'scope'] as const,
    registers,
  });
  const quarantined = new Counter({
    name: 'bearing_items_quarantined_total',
    help: 'Records quarantined as invalid while pulling, by system and scope.',
    labelNames: ['system', 'scope'] as const,
    registers,
  });
  const writes = new Counter({
    name: 'bearing_writes_total',
    help: 'Field writes to Jira and ServiceNow, by system and outcome (done, failed).',
    labelNames: ['system', 'outcome'] as const,
    registers,
  });
  const cycles = new Counter({
    name: 'bearing_cycles_total',
    help: 'Finished cycles (sync, analyze, write-back), by outcome (succeeded, failed, aborted).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const cycleDuration = new Histogram({
    name: 'bearing_cycle_duration_seconds',
    help: 'Duration of cycles, whatever their outcome.',
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200],
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'bearing_last_successful_cycle_timestamp_seconds',
    help: 'Unix time at which the last successful cycle ended.',
    registers,
  });
  const skipped = new Counter({
    name: 'bearing_ticks_skipped_total',
    help: 'Scheduled ticks that started nothing: the previous run still ran (overlap) or another worker holds the lease (standby).',
    labelNames: ['job', 'reason'] as const,
    registers,
  });
  const leaseHeld = new Gauge({
    name: 'bearing_lease_held',
    help: 'Whether this process holds the single-runner lease (1) or not (0).',
    labelNames: ['lease'] as const,
    registers,
  });
  const deliveries = new Counter({
    name: 'bearing_report_deliveries_total',
    help: 'Weekly report deliveries, by channel and outcome.',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });

  return {
    recordCall(call) {
      const status = call.status === 0 ? NO_ANSWER : String(call.status);
      calls.inc({ system: call.system, endpoint: call.endpoint, status });
      callDuration.observe({ system: call.system, endpoint: call.endpoint }, call.durationMs / 1000);
    },
    recordPull(system, scope, n, bad) {
      pulled.inc({ system, scope }, n);
      quarantined.inc({ system, scope }, bad);
    },
    recordWrites(system, done, failed) {
      writes.inc({ system, outcome: 'done' }, done);
      writes.inc({ system, outcome: 'failed' }, failed);
    },
    recordCycle(outcome, durationMs, endedAtMs) {
      cycles.inc({ outcome });
      cycleDuration.observe(durationMs / 1000);
      if (outcome === 'succeeded') lastSuccess.set(endedAtMs / 1000);
    },
    recordSkippedTick(job, reason) {
      skipped.inc({ job, reason });
    },
    setLeaseHeld(name, held) {
      leaseHeld.set({ lease: name }, held ? 1 : 0);
    },
    recordDelivery(channel, outcome) {
      deliveries.inc({ channel, outcome });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
