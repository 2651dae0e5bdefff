import { describe, expect, it } from 'vitest';
import { NEVER } from './fixtures/helpers.js';
import { processHarness, storedItems } from './fixtures/processes.js';
import { bearing, botWrites, testCompany, type RunningBearing } from './fixtures/world.js';

// `bearing run` as real child processes of the built CLI against the sandbox in this process.
const { world, start } = processHarness();

/** Each cycle a process ran: its run id and when it started and ended (by the process's log). */
function cyclesOf(child: RunningBearing): { runId: string; start: number; end: number }[] {
  const started = new Map<string, number>();
  const cycles: { runId: string; start: number; end: number }[] = [];
  for (const line of child.lines) {
    if (line.job !== 'cycle' || typeof line.runId !== 'string') continue;
    const at = Date.parse(String(line.time));
    if (line.msg === `cycle ${line.runId} started`) started.set(line.runId, at);
    else if (line.msg.startsWith(`cycle ${line.runId} succeeded`))
      cycles.push({ runId: line.runId, start: started.get(line.runId) ?? NaN, end: at });
  }
  return cycles;
}

const LOCAL_SERVER = { port: 0, host: '127.0.0.1' };

// Real processes against a slowed-down sandbox take longer than vitest's default 30 s.
describe('bearing run in separate processes', { timeout: 180_000 }, () => {
  it('two workers on one store run each cycle once; the other logs that it is standing by', async () => {
    const w = await world({
      config: {
        schedule: { sync: '*/2 * * * * *', report: NEVER, timezone: 'UTC' },
        server: LOCAL_SERVER,
        logLevel: 'info',
      },
    });
    const a = start(w, 'run');
    const b = start(w, 'run');
    await expect
      .poll(() => cyclesOf(a).length + cyclesOf(b).length, { timeout: 90_000, interval: 250 })
      .toBeGreaterThanOrEqual(4);
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });

    const cycles = [...cyclesOf(a), ...cyclesOf(b)].sort((x, y) => x.start - y.start);
    for (let i = 1; i < cycles.length; i++)
      expect(cycles[i]!.start).toBeGreaterThanOrEqual(cycles[i - 1]!.end);
    expect(new Set(cycles.map((c) => c.runId)).size).toBe(cycles.length);
    const standby = [...a.lines, ...b.lines].filter((l) => l.msg.startsWith('standing by:'));
    expect(standby.length).toBeGreaterThan(0);
    expect(standby[0]?.msg).toMatch(/holds the "cycle" lease/);
    const writes = botWrites(w.sandbox);
    expect(writes.length).toBeGreaterThan(0);
    expect(new Set(writes).size).toBe(writes.length);
  });

  it('SIGTERM mid-pull exits 0, and the next start finishes the pull: nothing lost, nothing written twice', async () => {
    const company = testCompany({ seed: 9, size: 600 });
    const settings = { company, config: { logLevel: 'info' } };
    const reference = await world(settings);
    const interrupted = await world(settings);
    // Every answer of the interrupted world's fakes takes a while, so the pull is long.
    for (const fake of [interrupted.sandbox.jira, interrupted.sandbox.servicenow])
      fake.injector.setFaults([{ knobs: { latencyMs: 150 } }]);

    const uninterrupted = await bearing(reference, 'run', '--once');
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

    const first = start(interrupted, 'run', '--once');
    // Mid-pull: some pages are stored, the rest are still to come.
    await expect
      .poll(async () => (await storedItems(interrupted)).length, { timeout: 60_000, interval: 50 })
      .toBeGreaterThan(0);
    first.kill('SIGTERM');
    expect(await first.exited, first.stderr()).toEqual({ code: 0, signal: null });
    expect(first.lines.some((l) => /^cycle \S+ aborted after/.test(l.msg))).toBe(true);
    expect(botWrites(interrupted.sandbox)).toEqual([]);
    const partial = await storedItems(interrupted);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(600);

    for (const fake of [interrupted.sandbox.jira, interrupted.sandbox.servicenow])
      fake.injector.setFaults([]);
    const restart = await bearing(interrupted, 'run', '--once');
    expect(restart.code, restart.stderr).toBe(0);

    const items = await storedItems(interrupted);
    expect(items).toHaveLength(600);
    expect(items).toEqual(await storedItems(reference));
    const writes = botWrites(interrupted.sandbox);
    expect(new Set(writes).size).toBe(writes.length);
    expect(writes.sort()).toEqual(botWrites(reference.sandbox).sort());
  });
});
