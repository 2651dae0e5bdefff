import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A lease holder name unique to this process: the host (the container's name in Kubernetes and
 * Compose) and pid say where it runs; the random part tells apart a restarted process that got the
 * same pid.
 */
export function workerHolderId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Whether `holder` names a worker process on this host that no longer runs, so its lease can be
 * taken over now instead of when it expires: its pid is gone, or its pid is ours (a restarted
 * container runs as pid 1 again, and `holder` is not us). Holders on other hosts, or in another
 * format, are never judged: only their lease's expiry tells. Relies on hostnames being unique among
 * the workers of one store, as Docker, Compose and Kubernetes make them.
 */
export function holderIsGone(holder: string, self: string): boolean {
  const match = /^(.+):(\d+):[0-9a-f]{8}$/.exec(holder);
  if (!match || holder === self || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid runs under another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
