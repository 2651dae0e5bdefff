import { BearingError, messageOf, toIso, type Clock, type Logger } from '../core/index.js';
import type { Store } from '../store/index.js';
import { holderIsGone } from './holder.js';

export type LeaseStore = Pick<Store, 'acquireLease' | 'renewLease' | 'releaseLease'>;

export interface LeaseOptions {
  store: LeaseStore;
  name: string;
  holder: string;
  ttlMs: number;
  renewEveryMs: number;
  clock: Clock;
  log: Logger;
}

/** A lease this process holds, renewed in the background until released. */
export interface HeldLease {
  /** Aborted once the lease is lost: another worker took it over, or it expired while the store was unreachable. */
  readonly lost: AbortSignal;
  /** Stops renewing and gives the lease up. Calling it again does nothing. */
  release(): Promise<void>;
}

export type LeaseAttempt =
  { acquired: true; lease: HeldLease } | { acquired: false; holder: string; expiresAt: number };

/**
 * Takes the named lease if it is free, expired or ours, or held by a worker that no longer runs on
 * this host, and keeps renewing it while held.
 */
export async function acquireLease(options: LeaseOptions): Promise<LeaseAttempt> {
  const { store, name, holder, ttlMs, clock, log } = options;
  let { acquired, lease } = await store.acquireLease(name, holder, ttlMs, clock.now());
  if (!acquired && holderIsGone(lease.holder, holder)) {
    // Releasing in the dead holder's name is conditional on it still holding the lease, and the
    // take after it is the store's usual race-free one: of two workers doing this, one wins.
    log.warn(
      { lease: name, holder: lease.holder },
      `taking over the "${name}" lease of ${lease.holder}: that process no longer runs on this host`,
    );
    await store.releaseLease(name, lease.holder);
    ({ acquired, lease } = await store.acquireLease(name, holder, ttlMs, clock.now()));
  }
  if (!acquired) return { acquired: false, holder: lease.holder, expiresAt: lease.expiresAt };

  const lost = new AbortController();
  let expiresAt = lease.expiresAt;
  let renewing: Promise<void> | undefined;
  let released: Promise<void> | undefined;

  const renew = async (): Promise<void> => {
    try {
      const now = clock.now();
      if (await store.renewLease(name, holder, ttlMs, now)) {
        expiresAt = now + ttlMs;
        return;
      }
      lost.abort(new BearingError('conflict', `lost the "${name}" lease: another worker took it over`));
    } catch (error) {
      // The lease is still ours until it expires; past that, another worker may have taken it.
      if (clock.now() < expiresAt) {
        log.warn({ lease: name, err: messageOf(error) }, `could not renew the "${name}" lease; retrying`);
        return;
      }
      lost.abort(
        new BearingError(
          'conflict',
          `lost the "${name}" lease: it expired at ${toIso(expiresAt)} while the store was unreachable`,
          { cause: error },
        ),
      );
    }
  };
  const timer = setInterval(() => {
    // A renewal still waiting on a slow store is not joined by another.
    if (renewing || lost.signal.aborted) return;
    renewing = renew().finally(() => (renewing = undefined));
  }, options.renewEveryMs);

  return {
    acquired: true,
    lease: {
      lost: lost.signal,
      release() {
        released ??= (async () => {
          clearInterval(timer);
          await renewing;
          try {
            await store.releaseLease(name, holder);
          } catch (error) {
            log.warn(
              { lease: name, err: messageOf(error) },
              `could not release the "${name}" lease; it expires at ${toIso(expiresAt)}`,
            );
          }
        })();
        return released;
      },
    },
  };
}
