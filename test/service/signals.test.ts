import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleSignals } from '../../src/scheduler/index.js';
import { gate, memoryLog } from './fixtures/helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

function setUp(close: () => Promise<void>) {
  const source = new EventEmitter();
  const exits: number[] = [];
  const { log, messages } = memoryLog();
  const calls = { close: 0 };
  const remove = handleSignals(
    {
      close: () => {
        calls.close++;
        return close();
      },
    },
    log,
    { exit: (code) => exits.push(code), source },
  );
  const send = (signal: NodeJS.Signals): boolean => source.emit(signal, signal);
  return { source, exits, messages, calls, remove, send };
}

describe('handleSignals', () => {
  it('closes on SIGTERM and exits 0 once close() has finished', async () => {
    const closing = gate();
    const s = setUp(() => closing.promise);
    s.send('SIGTERM');
    expect(s.calls.close).toBe(1);
    await Promise.resolve();
    expect(s.exits).toEqual([]);
    closing.open();
    await vi.waitFor(() => expect(s.exits).toEqual([0]));
    expect(s.messages()[0]).toMatch(/^received SIGTERM: stopping/);
  });

  it('closes on SIGINT too, and exits 1 when close() fails', async () => {
    const s = setUp(() => Promise.reject(new Error('store is locked')));
    s.send('SIGINT');
    await vi.waitFor(() => expect(s.exits).toEqual([1]));
    expect(s.messages()).toContain('stopping failed: store is locked');
  });

  it('exits 1 after 10 s when close() hangs', async () => {
    vi.useFakeTimers();
    const s = setUp(() => new Promise<void>(() => undefined));
    s.send('SIGTERM');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(s.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.exits).toEqual([1]);
  });

  it('exits at once on a second signal, with the code a shell reports', () => {
    const hanging = setUp(() => new Promise<void>(() => undefined));
    hanging.send('SIGTERM');
    hanging.send('SIGTERM');
    expect(hanging.exits).toEqual([143]);
    expect(hanging.calls.close).toBe(1);
    hanging.remove();

    const interrupted = setUp(() => new Promise<void>(() => undefined));
    interrupted.send('SIGINT');
    interrupted.send('SIGINT');
    expect(interrupted.exits).toEqual([130]);
    interrupted.remove();
  });

  it('exits only once, even when close() finishes after a forced exit', async () => {
    const closing = gate();
    const s = setUp(() => closing.promise);
    s.send('SIGTERM');
    s.send('SIGTERM');
    closing.open();
    await closing.promise;
    await Promise.resolve();
    expect(s.exits).toEqual([143]);
  });

  it('removes its handlers', () => {
    const s = setUp(() => Promise.resolve());
    expect(s.source.listenerCount('SIGTERM')).toBe(1);
    s.remove();
    expect(s.source.listenerCount('SIGTERM')).toBe(0);
    expect(s.send('SIGTERM')).toBe(false);
    expect(s.calls.close).toBe(0);
  });
});
