import { constants } from 'node:os';
import { messageOf, type Logger } from '../core/index.js';

/** Where signals come from: `process`, or an EventEmitter in tests. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface SignalOptions {
  /** Ends the process (`process.exit`); called exactly once. */
  exit: (code: number) => void;
  /** The time close() gets before the process exits anyway. @default 10_000 */
  timeoutMs?: number;
  /** @default ['SIGTERM', 'SIGINT'] */
  signals?: readonly NodeJS.Signals[];
  /** @default process */
  source?: SignalSource;
}

/**
 * Stops gracefully on SIGTERM/SIGINT: the first signal calls `close()` and exits 0 once it has
 * finished, or 1 after `timeoutMs`; a second signal exits at once (128 + the signal's number, as a
 * shell reports it). Returns a function that removes the handlers.
 */
export function handleSignals(
  closable: { close(): Promise<void> },
  log: Logger,
  options: SignalOptions,
): () => void {
  const source = options.source ?? process;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const timeoutMs = options.timeoutMs ?? 10_000;
  let stopping = false;
  let exited = false;
  let timer: NodeJS.Timeout | undefined;

  const exit = (code: number): void => {
    if (exited) return;
    exited = true;
    clearTimeout(timer);
    options.exit(code);
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, `received ${signal} again: exiting now`);
      exit(128 + constants.signals[signal]);
      return;
    }
    stopping = true;
    log.info(
      { signal },
      `received ${signal}: stopping (at most ${timeoutMs / 1000} s; send it again to exit now)`,
    );
    timer = setTimeout(() => {
      log.error({ signal }, `did not stop within ${timeoutMs / 1000} s: exiting anyway`);
      exit(1);
    }, timeoutMs);
    closable.close().then(
      () => exit(0),
      (error: unknown) => {
        log.error({ err: messageOf(error) }, `stopping failed: ${messageOf(error)}`);
        exit(1);
      },
    );
  };

  for (const signal of signals) source.on(signal, onSignal);
  return () => {
    clearTimeout(timer);
    for (const signal of signals) source.off(signal, onSignal);
  };
}
