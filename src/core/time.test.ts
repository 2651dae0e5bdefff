import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatServiceNowTime, isoOfServiceNowTime, serviceNowTimeOf, toIso } from './time.js';

/** The definition: the value has ServiceNow's shape, and Date gives back the same text. */
function byRoundTrip(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return formatServiceNowTime(ms) === value ? ms : undefined;
}

const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const shaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), two, two, two, two, two)
  .map(([y, mo, d, h, mi, s]) => `${String(y).padStart(4, '0')}-${mo}-${d} ${h}:${mi}:${s}`);

/** Valid times, years 1000 to 9999. */
const valid = fc
  .integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000 })
  .map((seconds) => formatServiceNowTime(seconds * 1000));

describe('serviceNowTimeOf', () => {
  it('reads times as UTC and refuses days, hours and minutes that do not exist', () => {
    expect(serviceNowTimeOf('2026-11-20 14:05:09')).toBe(Date.UTC(2026, 10, 20, 14, 5, 9));
    expect(serviceNowTimeOf('2024-02-29 00:00:00')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of [
      '2026-02-29 00:00:00',
      '1900-02-29 00:00:00',
      '2026-04-31 10:00:00',
      '2026-11-20 24:00:00',
    ])
      expect(serviceNowTimeOf(bad)).toBeUndefined();
    expect(serviceNowTimeOf('2026-11-20T14:05:09')).toBeUndefined();
    expect(serviceNowTimeOf('')).toBeUndefined();
  });

  it('agrees with a round trip through Date on any string of the right shape, and on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(valid, shaped, fc.string({ minLength: 19, maxLength: 19 }), fc.string()),
        (value) => {
          expect(serviceNowTimeOf(value)).toBe(byRoundTrip(value));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('gives the ISO time of every time it accepts, as Date would write it', () => {
    fc.assert(
      fc.property(fc.oneof(valid, shaped), (value) => {
        const ms = serviceNowTimeOf(value);
        if (ms !== undefined) expect(isoOfServiceNowTime(value)).toBe(toIso(ms));
      }),
      { numRuns: 20_000 },
    );
    expect(isoOfServiceNowTime('2026-11-20 14:05:09')).toBe('2026-11-20T14:05:09.000Z');
  });
});
