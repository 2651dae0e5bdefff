import type { Config } from '../config/index.js';
import type { Logger } from '../core/index.js';
import { JOBS_SCHEMA } from './queues.js';
import { openSharedRates, type SharedRates } from './rate.js';

export { createDistributedWorker, type DistributedOptions, type JobObserver } from './worker.js';
export { JOBS_SCHEMA, QUEUES } from './queues.js';
export { openSharedRates, type SharedRates } from './rate.js';

/** Whether the store is PostgreSQL, where `bearing run` works as one of many replicas. */
export const scalesOut = (config: Config): boolean => /^postgres(ql)?:/i.test(config.store.url);

/** The request rates every replica on the store shares, or nothing for a single-worker store. */
export async function sharedRatesFor(config: Config, log: Logger): Promise<SharedRates | undefined> {
  if (!scalesOut(config)) return undefined;
  return openSharedRates({ url: config.store.url, schema: JOBS_SCHEMA, log });
}
