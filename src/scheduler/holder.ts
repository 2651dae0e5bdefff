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
