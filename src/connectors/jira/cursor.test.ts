import { describe, expect, it } from 'vitest';
import {
  advance,
  alreadySeen,
  jqlLowerEdge,
  readCursor,
  SEEN_LIMIT,
  toCursor,
  windowStartMs,
} from './cursor.js';

const at = (iso: string): number => Date.parse(iso);
const OVERLAP = 120_000;

describe('the incremental window', () => {
  it('starts the overlap before the newest update, down to the minute, and survives a store round trip', () => {
    const state = advance(null, [{ id: '1', updatedMs: at('2026-11-20T12:30:10.500Z') }], OVERLAP);
    expect(windowStartMs(state, OVERLAP)).toBe(at('2026-11-20T12:28:00Z'));
    const stored = JSON.parse(JSON.stringify(toCursor(state))) as ReturnType<typeof toCursor>;
    expect(readCursor(stored)).toEqual(state);
    expect(readCursor(null)).toBeNull();
    expect(readCursor({ updatedMs: 5, lastId: null, extra: { other: 1 } })?.seen.size).toBe(0);
  });

  it('skips a version already processed or an older one, and takes a newer one of the same issue', () => {
    const state = advance(null, [{ id: '7', updatedMs: 1000 }], OVERLAP);
    expect(alreadySeen(state, '7', 1000)).toBe(true);
    expect(alreadySeen(state, '7', 900)).toBe(true);
    expect(alreadySeen(state, '7', 1001)).toBe(false);
    expect(alreadySeen(state, '8', 1000)).toBe(false);
  });

  it('forgets versions the next window cannot return, and never keeps more than the limit', () => {
    const old = advance(null, [{ id: 'old', updatedMs: at('2026-11-20T12:00:00Z') }], OVERLAP);
    const next = advance(old, [{ id: 'new', updatedMs: at('2026-11-20T12:10:00Z') }], OVERLAP);
    expect([...next.seen.keys()]).toEqual(['new']);
    expect(next.lastId).toBe('new');
    const burst = Array.from({ length: SEEN_LIMIT + 10 }, (_, i) => ({
      id: String(i),
      updatedMs: 1_000_000 + i,
    }));
    const full = advance(null, burst, OVERLAP);
    expect(full.seen.size).toBe(SEEN_LIMIT);
    expect(full.seen.has(String(SEEN_LIMIT + 9))).toBe(true);
    expect(full.seen.has('0')).toBe(false);
  });
});

describe('the JQL lower edge', () => {
  it('is written in the API user time zone', () => {
    expect(jqlLowerEdge(at('2026-11-20T12:28:00Z'), 'Europe/Berlin')).toBe('2026/11/20 13:28');
    expect(jqlLowerEdge(at('2026-11-20T12:28:00Z'), 'America/Los_Angeles')).toBe('2026/11/20 04:28');
  });

  it('steps back an hour next to a daylight-saving change, where a wall time can mean two instants', () => {
    // Berlin leaves summer time on 2026-10-25 at 01:00 UTC (03:00 → 02:00 local).
    expect(jqlLowerEdge(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026/10/25 01:30');
    expect(jqlLowerEdge(at('2026-10-25T05:30:00Z'), 'Europe/Berlin')).toBe('2026/10/25 06:30');
  });
});
