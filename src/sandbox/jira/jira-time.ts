/**
 * Jira's wire times. Timestamps look like `2023-11-02T10:02:34.255+0100`: millisecond precision, numeric
 * offset without a colon, in the requesting user's time zone (§2). JQL date literals carry no zone and
 * are read in the searching user's zone at minute precision (§1.1b).
 *
 * core/time builds an Intl formatter per call; rendering 100k issues needs a cached one, so the zone
 * arithmetic lives here with a formatter per zone and an offset cache per quarter hour (every real zone
 * changes its offset on a quarter-hour boundary).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR = 15 * 60_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function offsetAt(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const cacheKey = `${timeZone}|${bucket}`;
  const cached = offsets.get(cacheKey);
  if (cached !== undefined) return cached;
  const at = bucket * QUARTER_HOUR;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = wall - at;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(cacheKey, offset);
  return offset;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2023-11-02T10:02:34.255+0100` for instant `ms` in `timeZone` (§2). */
export function formatJiraTime(ms: number, timeZone: string): string {
  const offset = offsetAt(ms, timeZone);
  const t = new Date(ms + offset);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return (
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}.${pad(t.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function wallTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** §5.2: `X-RateLimit-Reset` is an ISO timestamp at minute precision, `2026-06-05T06:00Z` (not epoch). */
export function formatRateLimitReset(ms: number): string {
  const t = new Date(Math.ceil(ms / 60_000) * 60_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(
    t.getUTCMinutes(),
  )}Z`;
}
