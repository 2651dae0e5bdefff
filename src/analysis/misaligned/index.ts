export { detectMisaligned } from './misaligned.js';
export type { MisalignedContext, MisalignedItem, MisalignedResult, TeamWeekShare } from './misaligned.js';
