/**
 * Shared counting rules of the analysers: which weeks the analysis looks at, and in which week an
 * item's effort counts (design.md, "Effort in a week" and "Analysis window").
 */
export { weekIndex, trailingWeeks, windowWeeks, windowStart } from './calendar.js';
export type { WeekSpan, WeekIndex, AnalysisWindow } from './calendar.js';
export { countedWeeks, resolvedAt, goalOf, lastWorked } from './counted.js';
export type { CountedItem, TagLookup } from './counted.js';
/** For tests and benches. */
export { workItem, plainRates } from './testing.js';
