import { describe, expect, it } from 'vitest';
import {
  advance,
  alreadySeen,
  jqlLowerEdge,
  readCursor,
  safeEdge,
  SEEN_LIMIT,
  toCursor,
  windowStartMs,
} from './cursor.js';

const at = (iso: string): number => Date.parse(iso);
const OVERLAP = 120_000;

describe('the incremental window', () => {
  it('starts at the safe edge, down to the minute, and survives a store round trip', () => {
    const state = advance(
      null,
      [{ id: '1', updatedMs: at('2026-11-20T12:30:10.500Z') }],
      at('2026-11-20T12:28:40Z'),
    );
    expect(windowStartMs(state)).toBe(at('2026-11-20T12:28:00Z'));
    const stored = JSON.parse(JSON.stringify(toCursor(state))) as ReturnType<typeof toCursor>;
    expect(readCursor(stored, OVERLAP)).toEqual(state);
    expect(readCursor(null, OVERLAP)).toBeNull();
    // A cursor without bearing's extras: the overlap before its newest update, nothing seen.
    expect(readCursor({ updatedMs: 500_000, lastId: null, extra: { other: 1 } }, OVERLAP)).toMatchObject({
      safeFromMs: 380_000,
      seen: new Map(),
    });
  });

  it('moves the edge to run start minus the overlap once a walk ends, else not past what it has read', () => {
    const run = { startedAtMs: at('2026-11-20T13:00:00Z'), overlapMs: OVERLAP };
    expect(safeEdge(null, { ...run, walkedToMs: at('2026-11-20T09:00:00Z'), complete: true })).toBe(
      at('2026-11-20T12:58:00Z'),
    );
    expect(safeEdge(null, { ...run, walkedToMs: at('2026-11-20T09:00:00Z'), complete: false })).toBe(
      at('2026-11-20T09:00:00Z'),
    );
    // Issues edited during the walk are newer than its start; hidden ones may be older.
    expect(safeEdge(null, { ...run, walkedToMs: at('2026-11-20T13:05:00Z'), complete: false })).toBe(
      at('2026-11-20T12:58:00Z'),
    );
    const previous = advance(null, [], 1234);
    expect(safeEdge(previous, { ...run, walkedToMs: null, complete: false })).toBe(1234);
    expect(safeEdge(null, { ...run, walkedToMs: null, complete: false })).toBe(0);
  });

  it('skips a version already processed or an older one, and takes a newer one of the same issue', () => {
    const state = advance(null, [{ id: '7', updatedMs: 1000 }], 0);
    expect(alreadySeen(state, '7', 1000)).toBe(true);
    expect(alreadySeen(state, '7', 900)).toBe(true);
    expect(alreadySeen(state, '7', 1001)).toBe(false);
    expect(alreadySeen(state, '8', 1000)).toBe(false);
    expect(alreadySeen(null, '7', 1000)).toBe(false);
  });

  it('forgets versions the next window cannot return, and never keeps more than the limit', () => {
    const old = advance(
      null,
      [{ id: 'old', updatedMs: at('2026-11-20T12:00:00Z') }],
      at('2026-11-20T11:59:00Z'),
    );
    const next = advance(
      old,
      [{ id: 'new', updatedMs: at('2026-11-20T12:10:00Z') }],
      at('2026-11-20T12:08:00Z'),
    );
    expect([...next.seen.keys()]).toEqual(['new']);
    expect(next.lastId).toBe('new');
    const burst = Array.from({ length: SEEN_LIMIT + 10 }, (_, i) => ({
      id: String(i),
      updatedMs: 1_000_000 + i,
    }));
    const full = advance(null, burst, 0);
    expect(full.seen.size).toBe(SEEN_LIMIT);
    expect(full.seen.has(String(SEEN_LIMIT + 9))).toBe(true);
    expect(full.seen.has('0')).toBe(false);
  });

  it('gives an empty scope its edge as newest update', () => {
    expect(advance(null, [], 5000)).toMatchObject({ updatedMs: 5000, safeFromMs: 5000, lastId: null });
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
