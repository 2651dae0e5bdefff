import type { EffortRates } from '../../model/index.js';

export { workItem } from '../../model/testing.js';

/** Rates where every default is one hour and a point is four. */
export const plainRates: EffortRates = {
  hoursPerPoint: 4,
  defaultHours: { issue: 1, epic: 1, incident: 1, request: 1, change: 1, demand: 1, project: 1 },
};
