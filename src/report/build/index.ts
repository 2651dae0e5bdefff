export { buildReport, statusOf, TREND_WEEKS } from './build.js';
export type { ReportInputs, Thresholds } from './build.js';
export { lastCompleteWeek, weekDays } from './weeks.js';
