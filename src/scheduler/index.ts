export {
  createWorker,
  type Worker,
  type WorkerOptions,
  type WorkerStatus,
  type CycleRecord,
  type CycleResult,
  type RunContext,
  type Schedules,
} from './worker.js';
export { handleSignals, type SignalOptions, type SignalSource } from './signals.js';
export { workerHolderId } from './holder.js';
export type { LeaseStore } from './lease.js';
