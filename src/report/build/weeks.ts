import { isoWeekBounds, isoWeekOf, previousIsoWeek, zonedParts } from '../../core/index.js';

const pad = (n: number): string => String(n).padStart(2, '0');
const localDate = (ms: number, timeZone: string): string => {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

/**
 * The week a report is about when none is named: the last complete ISO week in `timeZone`. The
 * schedule's Monday-morning run reports the week that has just ended, never a half week.
 */
export const lastCompleteWeek = (nowMs: number, timeZone: string): string =>
  previousIsoWeek(isoWeekOf(nowMs, timeZone));

/** The first and last day of an ISO week, as local dates in `timeZone`. */
export function weekDays(week: string, timeZone: string): { from: string; to: string; timeZone: string } {
  const { start, end } = isoWeekBounds(week, timeZone);
  return { from: localDate(start, timeZone), to: localDate(end - 1, timeZone), timeZone };
}
