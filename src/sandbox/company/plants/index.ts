export { planPlants } from './plan.js';
export { DEFAULT_SIZE, plantCounts } from './counts.js';
export type { PlanOptions, PlantSpec } from './common.js';
