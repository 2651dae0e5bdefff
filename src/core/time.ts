/**
 * Time in one module (style.md, practice 9). Everything inside bearing is an ISO-8601 UTC string
 * (`2026-11-20T14:05:00.000Z`) or epoch milliseconds; vendor formats are parsed and produced only here.
 */
import { BearingError } from './errors.js';

/** A clock, passed in so time is testable. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
export const fixedClock = (ms: number): Clock => ({ now: () => ms });

export const toIso = (ms: number): string => new Date(ms).toISOString();

export function parseIso(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BearingError('invalidData', `expected an ISO-8601 time, got "${value}"`);
  return ms;
}

/**
 * A valid ServiceNow time as epoch ms, or undefined. The Table API returns `YYYY-MM-DD HH:mm:ss` in UTC
 * with no zone marker (`new Date(s)` would read it as local time). Read digit by digit and checked
 * against the calendar rather than by a round trip through Date: it runs several times for every
 * record. Years before 1000 are refused, as the round trip refused them (it wrote them unpadded).
 */
export function serviceNowTimeOf(value: string): number | undefined {
  if (value.length !== 19) return undefined;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== ' ' || value[13] !== ':' || value[16] !== ':')
    return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  const hour = digitsAt(value, 11, 13);
  const minute = digitsAt(value, 14, 16);
  const second = digitsAt(value, 17, 19);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * A time that serviceNowTimeOf accepts, as bearing's ISO-8601 UTC string: what `toIso` gives for its
 * epoch ms, rearranged from the text instead of formatted from a Date.
 */
export const isoOfServiceNowTime = (value: string): string => `${value.slice(0, 10)}T${value.slice(11)}.000Z`;

/** The decimal number in `value[from, to)`, or -1 when a character there is not an ASCII digit. */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1] as number;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Formats epoch ms as ServiceNow's UTC `YYYY-MM-DD HH:mm:ss`. */
export function formatServiceNowTime(ms: number): string {
  const t = new Date(ms);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(
    t.getUTCMinutes(),
  )}:${pad(t.getUTCSeconds())}`;
}

/** Wall-clock parts of an instant in an IANA time zone. */
export function zonedParts(
  ms: number,
  timeZone: string,
): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
} {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  });
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays.indexOf(parts.weekday ?? '') + 1,
  };
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * A JQL date literal `"yyyy/MM/dd HH:mm"` for instant `ms`, in the API user's time zone (JQL reads
 * zone-less literals in the searching user's profile zone, api-facts §1.1b). Rounded down to the
 * minute, so the literal never lies after the instant.
 */
export function formatJqlDate(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** ISO week (`2026-W47`) of instant `ms` in `timeZone`. */
export function isoWeekOf(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  const dayNum = p.weekday; // 1 = Monday … 7 = Sunday
  date.setUTCDate(date.getUTCDate() + 4 - dayNum); // Thursday of this week decides the year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

const WEEK = /^(\d{4})-W(\d{2})$/;

/** Start (inclusive) and end (exclusive) of an ISO week in `timeZone`, as epoch ms. */
export function isoWeekBounds(week: string, timeZone: string): { start: number; end: number } {
  const m = WEEK.exec(week);
  if (!m) throw new BearingError('config', `expected an ISO week like 2026-W47, got "${week}"`);
  const year = Number(m[1]);
  const w = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Day = jan4.getUTCDay() || 7;
  const mondayUtc = Date.UTC(year, 0, 4 - jan4Day + 1 + (w - 1) * 7);
  if (w < 1 || isoWeekOf(mondayUtc + 12 * 3_600_000, 'UTC') !== week) {
    throw new BearingError('config', `"${week}" is not a week of ${year}`);
  }
  return {
    start: localMidnightToUtc(mondayUtc, timeZone),
    end: localMidnightToUtc(mondayUtc + 7 * 86_400_000, timeZone),
  };
}

/** The instant when the wall clock in `timeZone` shows the UTC-date `wallMs` (a midnight). */
function localMidnightToUtc(wallMs: number, timeZone: string): number {
  let guess = wallMs - zoneOffsetMs(wallMs, timeZone);
  guess = wallMs - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** The ISO week before `week`. */
export function previousIsoWeek(week: string): string {
  const { start } = isoWeekBounds(week, 'UTC');
  return isoWeekOf(start - 3 * 86_400_000, 'UTC');
}
