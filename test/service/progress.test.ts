import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/core/index.js';
import { createProgress } from '../../src/progress/index.js';
import { memoryLog } from './fixtures/helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('progress without a terminal', () => {
  it('logs the count and the rate every 10 s, then a final line', async () => {
    vi.useFakeTimers();
    let now = 0;
    const clock: Clock = { now: () => now };
    const { log, lines } = memoryLog();
    const progress = createProgress({ log, label: 'pull jira SHOP', total: 5_000, clock });

    progress.tick(1_000);
    now = 10_000;
    await vi.advanceTimersByTimeAsync(10_000);
    progress.tick(2_000);
    now = 20_000;
    await vi.advanceTimersByTimeAsync(10_000);
    now = 24_000;
    progress.done();
    now = 40_000;
    await vi.advanceTimersByTimeAsync(20_000);

    expect(lines.map((l) => l.msg)).toEqual([
      'pull jira SHOP: 1,000 of 5,000 (20%), 100/s',
      'pull jira SHOP: 3,000 of 5,000 (60%), 200/s',
      'pull jira SHOP: done, 3,000 in 24.0 s (125/s)',
    ]);
    expect(lines[1]).toMatchObject({
      progress: 'pull jira SHOP',
      count: 3_000,
      total: 5_000,
      ratePerSecond: 200,
    });
  });

  it('logs a line without a total when none is known', async () => {
    vi.useFakeTimers();
    let now = 0;
    const { log, lines } = memoryLog();
    const progress = createProgress({ log, label: 'analyze', intervalMs: 1_000, clock: { now: () => now } });
    progress.tick();
    progress.tick();
    now = 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    progress.done();
    progress.done();
    expect(lines.map((l) => l.msg)).toEqual(['analyze: 2, 2/s', 'analyze: done, 2 in 1.0 s (2/s)']);
  });
});

describe('progress on a terminal', () => {
  it('draws a bar with the counts and the rate instead of logging lines', () => {
    let now = 0;
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let drawn = '';
    tty.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const { log, lines } = memoryLog();
    const progress = createProgress({
      log,
      tty,
      label: 'pull servicenow incident',
      total: 10,
      clock: { now: () => now },
    });
    now = 2_000;
    progress.tick(7);
    progress.done();

    expect(drawn).toContain('pull servicenow incident [');
    expect(drawn).toContain('70% | 7/10 | 4/s');
    expect(lines.map((l) => l.msg)).toEqual(['pull servicenow incident: done, 7 in 2.0 s (4/s)']);
  });
});
