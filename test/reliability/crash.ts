/**
 * Crash points: the built CLI's `run --once` as a child process, killed with SIGKILL at a point of
 * its cycle observed from outside — the k-th pull or write request the sandbox receives, or a
 * moment after the worker logs that every scope is synced (the analysis) — then a restart.
 */
import type { ArrivingCall } from '../../src/sandbox/http/index.js';
import { seededRandom } from '../../src/sandbox/http/index.js';
import { SYSTEMS, runCli, type CliRun, type System, type World } from './harness.js';

export type CrashStage = 'pull' | 'analyze' | 'write-back';

export interface CrashPoint {
  stage: CrashStage;
  system: System;
  /** The k-th request of the stage (pull, write-back), or ms after the last scope synced (analyze). */
  at: number;
}

export const isPull = (call: Pick<ArrivingCall, 'endpoint' | 'method'>): boolean =>
  call.endpoint === 'search' || (call.endpoint.startsWith('table:') && !call.endpoint.endsWith(':write'));
export const isWrite = (call: Pick<ArrivingCall, 'endpoint' | 'method'>): boolean =>
  call.endpoint === 'bulk-edit' ||
  call.endpoint === 'issue-edit' ||
  call.endpoint.endsWith(':write') ||
  call.endpoint === 'batch';

/** How many pull and write requests a fault-free cycle sends each system. */
export type CallCounts = Record<System, { pull: number; write: number }>;

export function countCalls(world: World): { counts: CallCounts; stop: () => void } {
  const counts = { jira: { pull: 0, write: 0 }, servicenow: { pull: 0, write: 0 } };
  for (const system of SYSTEMS) {
    world.sandbox[system].injector.onRequest = (call) => {
      if (isPull(call)) counts[system].pull++;
      if (isWrite(call)) counts[system].write++;
    };
  }
  return { counts, stop: () => SYSTEMS.forEach((s) => (world.sandbox[s].injector.onRequest = undefined)) };
}

/** `n` seeded crash points spread over the stages, within the calls a fault-free cycle makes. */
export function crashPoints(seed: number, n: number, counts: CallCounts): CrashPoint[] {
  const random = seededRandom(seed);
  const stages: CrashStage[] = ['pull', 'analyze', 'write-back'];
  return Array.from({ length: n }, (_, i) => {
    const stage = stages[i % stages.length] as CrashStage;
    const system = SYSTEMS[Math.floor(random() * SYSTEMS.length)] as System;
    const calls = stage === 'pull' ? counts[system].pull : counts[system].write;
    const at =
      stage === 'analyze' ? Math.floor(random() * 400) : 1 + Math.floor(random() * Math.max(1, calls));
    return { stage, system, at };
  });
}

export const describePoint = (p: CrashPoint): string =>
  p.stage === 'analyze'
    ? `analyze, ${p.at} ms after the last scope synced`
    : `${p.stage}, ${p.system} request #${p.at}`;

/** `bearing run --once`, killed with SIGKILL at the point (the world's config must log at info). */
export async function runAndKill(world: World, point: CrashPoint, scopes: number): Promise<CliRun> {
  let kill = (): void => undefined;
  let seen = 0;
  let synced = 0;
  const injector = world.sandbox[point.system].injector;
  if (point.stage !== 'analyze') {
    injector.onRequest = (call) => {
      if ((point.stage === 'pull' ? isPull(call) : isWrite(call)) && ++seen === point.at) kill();
    };
  }
  try {
    return await runCli(world, ['run', '--once'], {
      onStart: (child) => {
        kill = () => child.kill('SIGKILL');
      },
      onStdout: (chunk) => {
        if (point.stage !== 'analyze') return;
        synced += chunk.split('\n').filter((line) => line.includes('"msg":"synced ')).length;
        if (synced === scopes) setTimeout(kill, point.at);
      },
    });
  } finally {
    injector.onRequest = undefined;
  }
}
