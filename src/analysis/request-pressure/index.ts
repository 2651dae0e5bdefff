export { detectRequestPressure } from './request-pressure.js';
export type { PressureWeek, RequestPressureContext, RequestPressureResult } from './request-pressure.js';
export { topGoalIds } from './goals.js';
export type { RankedGoal } from './goals.js';
