import { describe, expect, it } from 'vitest';
import { trailingWeeks, weekIndex, windowWeeks } from './calendar.js';

describe('weekIndex', () => {
  it('places an instant in the ISO week of the configured zone, not of UTC', () => {
    const berlin = weekIndex(['2026-W46', '2026-W47'], 'Europe/Berlin');
    const utc = weekIndex(['2026-W46', '2026-W47'], 'UTC');
    // Sunday 23:30 UTC is already Monday 00:30 in Berlin.
    const ms = Date.parse('2026-11-15T23:30:00Z');
    expect(berlin.spans[berlin.indexOf(ms)]?.week).toBe('2026-W47');
    expect(utc.spans[utc.indexOf(ms)]?.week).toBe('2026-W46');
  });

  it('ends a week at local midnight across a daylight-saving change', () => {
    const index = weekIndex(['2026-W13', '2026-W14'], 'Europe/Berlin');
    // Summer time starts on Sunday 2026-03-29, so that week ends at 22:00 UTC.
    expect(index.spans[index.indexOf(Date.parse('2026-03-29T21:59:59Z'))]?.week).toBe('2026-W13');
    expect(index.spans[index.indexOf(Date.parse('2026-03-29T22:00:00Z'))]?.week).toBe('2026-W14');
  });

  it('answers -1 outside the weeks and keeps the given order', () => {
    const index = weekIndex(['2026-W47', '2026-W45'], 'UTC');
    expect(index.indexOf(Date.parse('2026-11-10T00:00:00Z'))).toBe(-1);
    expect(index.indexOf(Date.parse('2026-11-03T00:00:00Z'))).toBe(1);
    expect(index.indexOf(Date.parse('2026-11-20T00:00:00Z'))).toBe(0);
  });

  it('refuses a week given twice', () => {
    expect(() => weekIndex(['2026-W47', '2026-W47'], 'UTC')).toThrow(/distinct/);
  });
});

describe('trailingWeeks', () => {
  it('lists the weeks up to the given one, oldest first, across a year end', () => {
    expect(trailingWeeks('2027-W02', 4)).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
});

describe('windowWeeks', () => {
  it('covers every week the window touches, the current one last', () => {
    const now = Date.parse('2026-11-20T10:00:00Z'); // a Friday in W47
    expect(windowWeeks({ now, windowDays: 28, timeZone: 'UTC' })).toEqual([
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
  });

  it('reads now in the configured zone', () => {
    const now = Date.parse('2026-11-22T23:30:00Z'); // Sunday in UTC, Monday in Tokyo
    expect(windowWeeks({ now, windowDays: 1, timeZone: 'Asia/Tokyo' })).toEqual(['2026-W47', '2026-W48']);
    expect(windowWeeks({ now, windowDays: 1, timeZone: 'UTC' })).toEqual(['2026-W47']);
  });
});
