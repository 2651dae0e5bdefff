/** When bulk edit tasks are polled: learned from what finished tasks took and what running ones report. */
import { describe, expect, it } from 'vitest';
import { BulkTaskTiming } from './bulk-timing.js';
import type { BulkProgress } from './wire/types.js';

const polling = { expectedTaskMs: 1000, maxDelayMs: 15_000 };

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const complete = (created: number, updated: number): BulkProgress => ({
  status: 'COMPLETE',
  processed: [],
  failed: {},
  progressPercent: 100,
  created,
  updated,
});

const running = (started: number, updated: number, progressPercent: number): BulkProgress => ({
  status: 'RUNNING',
  processed: [],
  failed: {},
  progressPercent,
  created: started - 50,
  started,
  updated,
});

describe('polling bulk edit tasks', () => {
  it('asks a first task early, then again when its progress says it ends', () => {
    const c = clock();
    const timing = new BulkTaskTiming(polling, c.now);
    const task = timing.task(100);
    expect(task.first).toBe(250);
    c.advance(250);
    // Running for 200 ms on the site's clock and 40 % done: 300 ms to go.
    expect(task.next(running(1_000, 1_200, 40))).toBe(300);
  });

  it('polls the next task of a similar size once it has run as long as the last one did', () => {
    const c = clock();
    const timing = new BulkTaskTiming(polling, c.now);
    timing.task(200).done(complete(5_000, 5_420));
    timing.task(10).done(complete(6_000, 6_120));
    expect(timing.task(250).first).toBe(420);
    expect(timing.task(8).first).toBe(120);
  });

  it('falls back to its own clock when the site gives no timestamps', () => {
    const c = clock();
    const timing = new BulkTaskTiming(polling, c.now);
    const task = timing.task(50);
    c.advance(700);
    task.done({ status: 'COMPLETE', processed: [], failed: {} });
    expect(timing.task(50).first).toBe(700);
  });

  it('backs off when a task keeps running past its estimate, up to the longest wait', () => {
    const c = clock();
    const timing = new BulkTaskTiming({ expectedTaskMs: 1000, maxDelayMs: 2_000 }, c.now);
    timing.task(10).done(complete(0, 400));
    const task = timing.task(10);
    expect(task.first).toBe(400);
    c.advance(400);
    const stuck = running(100, 500, 99);
    const waits = Array.from({ length: 12 }, () => task.next(stuck));
    expect(waits[0]).toBeLessThan(50);
    for (let i = 1; i < waits.length; i++)
      expect(waits[i]).toBe(Math.min(2_000, 2 * (waits[i - 1] as number)));
    expect(waits.at(-1)).toBe(2_000);
  });

  it('backs off while a first task is queued and tells nothing', () => {
    const c = clock();
    const timing = new BulkTaskTiming(polling, c.now);
    const task = timing.task(10);
    const queued: BulkProgress = { status: 'ENQUEUED', processed: [], failed: {} };
    expect([task.first, task.next(queued), task.next(queued), task.next(queued)]).toEqual([
      250, 500, 1_000, 2_000,
    ]);
  });

  it('learns nothing from a task that failed', () => {
    const c = clock();
    const timing = new BulkTaskTiming(polling, c.now);
    timing.task(10).done({ ...complete(0, 5), status: 'FAILED' });
    expect(timing.task(10).first).toBe(250);
  });

  it('waits out the expected time of a task still queued', () => {
    const c = clock();
    const timing = new BulkTaskTiming(polling, c.now);
    timing.task(10).done(complete(0, 3_000));
    const task = timing.task(10);
    c.advance(2_000);
    expect(task.next({ status: 'ENQUEUED', processed: [], failed: {} })).toBe(1_000);
  });
});
