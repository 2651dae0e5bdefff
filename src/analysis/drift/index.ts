export { weeklyAllocation } from './allocation.js';
export type { AllocationOptions, WeekAllocation } from './allocation.js';
