/**
 * Value formats of the Table API (api-facts §6.2): UTC date-times without a zone marker, durations
 * as time since the epoch, and the display forms a session user sees.
 */
import { formatServiceNowTime, serviceNowTimeOf, zoneOffsetMs } from '../../core/index.js';

const SN_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const SN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Epoch ms of a raw `YYYY-MM-DD HH:mm:ss` (UTC) value, or undefined when it is not of that shape.
 * serviceNowTimeOf reads valid times without a regex (this runs for every date-time served); the
 * regex keeps the fake's reading of the rest: out-of-range fields roll over as Date.UTC rolls them.
 */
export function rawTimeMs(raw: string): number | undefined {
  const valid = serviceNowTimeOf(raw);
  if (valid !== undefined) return valid;
  const m = SN_TIME.exec(raw);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** A date-time literal in an encoded query, normalized to the stored form; a bare date means its midnight. */
export function normalizeTimeLiteral(literal: string): string {
  return SN_DATE.test(literal) ? `${literal} 00:00:00` : literal;
}

/**
 * `javascript:gs.dateGenerate('2025-01-01','00:00:00')` reads the literal in the API user's time zone
 * and converts it to UTC (api-facts §6.3). `'start'`/`'end'` stand for the first/last second of the day.
 * Returns the UTC literal, or undefined for any other script (the fake runs no scripts).
 */
export function dateGenerateToUtc(literal: string, timeZone: string): string | undefined {
  const m = /^javascript:\s*gs\.dateGenerate\(\s*'(\d{4}-\d{2}-\d{2})'\s*,\s*'([^']*)'\s*\)\s*;?$/.exec(
    literal,
  );
  if (!m) return undefined;
  const time = m[2] === 'start' ? '00:00:00' : m[2] === 'end' ? '23:59:59' : m[2];
  const wall = rawTimeMs(`${m[1]} ${time}`);
  if (wall === undefined) return undefined;
  // Two passes find the offset in force at the converted instant (DST edges).
  let utc = wall - zoneOffsetMs(wall, timeZone);
  utc = wall - zoneOffsetMs(utc, timeZone);
  return formatServiceNowTime(utc);
}

/** A duration of `seconds` in the stored form: `1970-01-01 01:30:00` is 1 h 30 min (§6.2). */
export function formatDuration(seconds: number): string {
  return formatServiceNowTime(Math.round(seconds) * 1000);
}

/** The display form of a duration: `1 Day 2 Hours 30 Minutes`. */
export function displayDuration(raw: string): string {
  const ms = rawTimeMs(raw);
  if (ms === undefined) return raw;
  let rest = Math.floor(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['Day', 86_400],
    ['Hour', 3_600],
    ['Minute', 60],
    ['Second', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
  }
  return parts.join(' ');
}

const DAY = 86_400_000;
const QUARTER_HOUR = 900_000;

interface ZoneOffsets {
  /** Per UTC day: the offset in force all day, or null when it changes that day. */
  days: Map<number, number | null>;
  /** Per quarter hour, on the days the offset changes (offsets change only on quarter hours). */
  quarters: Map<number, number>;
}
const zones = new Map<string, ZoneOffsets>();

/**
 * The zone's UTC offset at an instant, cached so pages of display values do not pay for an Intl
 * call per date. A day whose first and last quarter hours have the same offset is taken to keep it
 * all day (no zone changes twice within a day and back); other days are looked up per quarter hour.
 */
function offsetAt(ms: number, timeZone: string): number {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = { days: new Map(), quarters: new Map() }));
  const day = Math.floor(ms / DAY);
  let offset = zone.days.get(day);
  if (offset === undefined) {
    if (zone.days.size > 100_000) zone.days.clear();
    const first = zoneOffsetMs(day * DAY, timeZone);
    offset = first === zoneOffsetMs(day * DAY + DAY - QUARTER_HOUR, timeZone) ? first : null;
    zone.days.set(day, offset);
  }
  if (offset !== null) return offset;
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let changing = zone.quarters.get(quarter);
  if (changing === undefined) {
    if (zone.quarters.size > 100_000) zone.quarters.clear();
    changing = zoneOffsetMs(quarter * QUARTER_HOUR, timeZone);
    zone.quarters.set(quarter, changing);
  }
  return changing;
}

const datePrefixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** formatServiceNowTime, with the date part formatted once per day. */
function formatTime(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = datePrefixes.get(day);
  if (prefix === undefined) {
    if (datePrefixes.size > 100_000) datePrefixes.clear();
    prefix = formatServiceNowTime(day * DAY).slice(0, -'00:00:00'.length);
    datePrefixes.set(day, prefix);
  }
  const seconds = Math.floor((ms - day * DAY) / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor(seconds / 60) % 60;
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds % 60]}`;
}

/**
 * The display form of a date-time: the session user's time zone and the default
 * `yyyy-MM-dd HH:mm:ss` format (§6.2). Malformed values are shown as stored.
 */
export function displayTime(raw: string, timeZone: string): string {
  const ms = rawTimeMs(raw);
  return ms === undefined ? raw : formatTime(ms + offsetAt(ms, timeZone));
}

const grouping = new Intl.NumberFormat('en-US');

/** Integers are displayed with digit grouping (`1,234`); anything else as stored. */
export function displayInteger(raw: string): string {
  return /^-?\d+$/.test(raw) ? grouping.format(Number(raw)) : raw;
}
