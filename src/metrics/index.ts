export { createMetrics, type Metrics, type CycleOutcome, type SkipReason } from './metrics.js';
