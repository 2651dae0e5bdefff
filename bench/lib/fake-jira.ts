/**
 * The fake Jira Cloud site the Jira benches run against: issues in projects, a latency knob on every
 * answer, bulk tasks that take a fixed time, bearing's fields set up, on loopback, with a connector at the
 * configured rate — and the floor a write-back on it cannot beat.
 */
import { silentLogger } from '../../src/core/log.js';
import type { Connector } from '../../src/connectors/connector.js';
import type { CallRecord } from '../../src/connectors/http/index.js';
import { createJiraConnector } from '../../src/connectors/jira/index.js';
import { addBearingFields, FIELD_NAMES } from '../../src/connectors/jira/testing.js';
import { startLoopbackServer } from '../../src/sandbox/http/index.js';
import { DEFAULT_BOT, createFakeJiraInjector, seedPerson } from '../../src/sandbox/jira/index.js';
import type { SeedJiraTicket } from '../../src/sandbox/index.js';
import { rateBoundSeconds } from './minimum.js';

/** §10.1: bulk operations a Jira site runs at once. */
export const JIRA_BULK_TASKS_AT_ONCE = 5;
/** The fake's bulk tasks: each completes this long after its submission, whatever its size. */
export const BULK_TASK = { startAfterMs: 50, completeAfterMs: 400 } as const;

export interface FakeJiraSite {
  fake: ReturnType<typeof createFakeJiraInjector>;
  connector: Connector;
  /** Every call the connector made, in order; the benches empty it between rounds. */
  calls: CallRecord[];
  /** Where the bulk tasks' time went since the last call (the first: since the start). */
  bulkTimeline(): BulkTimeline;
  close(): Promise<void>;
}

/** Bulk tasks seen from the fake, on its clock: where a write-back's time goes. */
export interface BulkTimeline {
  /** Tasks submitted. */
  tasks: number;
  polls: number;
  /** Polls answered before their task was done. */
  early: number;
  /** Mean time from a task's end to the poll that saw it (the slot idles meanwhile). */
  meanLateMs: number;
  /** Mean time from that poll to the slot's next submission (one latency at least). */
  meanGapMs: number;
}

export async function startFakeJiraSite(options: {
  projects: readonly string[];
  tickets: SeedJiraTicket[];
  latencyMs: number;
  /** The connector's rate. */
  perSecond: number;
  /** The fake answers 429 above this rate. */
  serverRatePerSecond?: number;
  /** The fake's clock. */
  now?: () => number;
}): Promise<FakeJiraSite> {
  const fake = createFakeJiraInjector({
    flavour: 'cloud',
    bulkTask: BULK_TASK,
    ...(options.now ? { now: options.now } : {}),
  });
  fake.state.load([seedPerson('p1')], options.tickets);
  addBearingFields(fake.state);
  fake.injector.setFaults([
    {
      knobs: {
        latencyMs: options.latencyMs,
        ...(options.serverRatePerSecond ? { ratePerSecond: options.serverRatePerSecond } : {}),
      },
    },
  ]);
  const polled: { taskId: string; at: number }[] = [];
  const handle = fake.service.handle.bind(fake.service);
  fake.service.handle = (request) => {
    const taskId = /\/bulk\/queue\/([^/?]+)/.exec(new URL(request.url).pathname)?.[1];
    if (taskId) polled.push({ taskId, at: fake.state.now() });
    return handle(request);
  };
  const seen = new Set<string>();
  const bulkTimeline = (): BulkTimeline => {
    const tasks = [...fake.state.tasks.values()].filter((t) => !seen.has(t.taskId));
    for (const t of tasks) seen.add(t.taskId);
    const polls = polled.splice(0);
    const doneAt: number[] = [];
    let late = 0;
    for (const t of tasks) {
      const seenDone = polls.find((p) => p.taskId === t.taskId && p.at >= t.completeAt);
      if (seenDone === undefined) continue;
      doneAt.push(seenDone.at);
      late += seenDone.at - t.completeAt;
    }
    const meanLateMs = doneAt.length ? late / doneAt.length : 0;
    // Each submission after the first wave follows the latest unused poll that saw a task done.
    doneAt.sort((a, b) => a - b);
    let gap = 0;
    let gaps = 0;
    for (const t of [...tasks].sort((a, b) => a.created - b.created)) {
      const i = doneAt.findLastIndex((at) => at <= t.created);
      if (i < 0) continue;
      gap += t.created - (doneAt[i] as number);
      gaps++;
      doneAt.splice(i, 1);
    }
    return {
      tasks: tasks.length,
      polls: polls.length,
      early: polls.filter((p) => {
        const task = fake.state.tasks.get(p.taskId);
        return task !== undefined && p.at < task.completeAt;
      }).length,
      meanLateMs,
      meanGapMs: gaps ? gap / gaps : 0,
    };
  };
  const server = await startLoopbackServer(fake.injector);
  const calls: CallRecord[] = [];
  const connector = createJiraConnector({
    url: server.url,
    deployment: 'cloud',
    auth: { email: DEFAULT_BOT.email ?? '', token: DEFAULT_BOT.apiToken ?? '' },
    jql: `project in (${options.projects.join(', ')})`,
    fields: FIELD_NAMES,
    rateLimit: { perSecond: options.perSecond, concurrency: 4 },
    timeoutMs: 30_000,
    rejectUnauthorized: true,
    executives: { emails: [], jiraAccountIds: [], jiraGroups: [] },
    log: silentLogger(),
    onCall: (call) => calls.push(call),
  });
  return { fake, connector, calls, bulkTimeline, close: () => server.close() };
}

/**
 * The shortest a Jira write-back of `calls` calls with `bulkEdits` bulk tasks can take on the fake: the
 * rate (calls / rate) or the site's bulk tasks, whichever binds. The tasks all take `completeAfterMs`, and
 * the site runs 5 at once, so the best schedule runs them in waves: ceil(tasks / 5) of them. A wave's
 * submissions reach the site one latency after a poll saw the previous wave done (the fake waits
 * `latencyMs` before it handles a request), so a wave lasts completeAfterMs + latencyMs.
 *
 * (Σ task time / 5, the earlier floor, assumed tasks could be split across slots: 12 tasks of 400 ms
 * were held to 0.96 s, when the third wave cannot start before 0.8 s.)
 */
export function jiraWriteFloor(
  calls: number,
  bulkEdits: number,
  perSecond: number,
  latencyMs: number,
): { seconds: number; by: string } {
  const byRate = rateBoundSeconds(calls, perSecond);
  const waves = Math.ceil(bulkEdits / JIRA_BULK_TASKS_AT_ONCE);
  const byTasks = (waves * (BULK_TASK.completeAfterMs + latencyMs)) / 1000;
  return byTasks > byRate
    ? {
        seconds: byTasks,
        by: `${waves} waves of ${JIRA_BULK_TASKS_AT_ONCE} tasks × (${BULK_TASK.completeAfterMs} + ${latencyMs}) ms`,
      }
    : { seconds: byRate, by: 'calls / rate' };
}

export const describeTimeline = (t: BulkTimeline, latencyMs: number): string =>
  `bulk tasks at the fake: ${t.polls} polls for ${t.tasks} tasks (${t.early} before the task was done); ` +
  `a task's end to the poll that saw it ${t.meanLateMs.toFixed(0)} ms, that poll to the slot's next submission ` +
  `${t.meanGapMs.toFixed(0)} ms (latency ${latencyMs} ms)`;
