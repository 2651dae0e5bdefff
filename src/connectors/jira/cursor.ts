/**
 * The incremental window of one scope (pure). The cursor keeps the newest `updated` processed and, in
 * `extra.seen`, the versions (id → updated ms) processed inside the overlap, so the next run can re-read the
 * overlap — JQL dates have minute precision (§1.1b) and search is eventually consistent (§1.2) — without
 * processing any version twice and without missing a late one.
 */
import { z } from 'zod';
import { formatJqlDate, zoneOffsetMs } from '../../core/time.js';
import type { Cursor } from '../../store/store.js';

/**
 * At most this many versions are remembered. Past it (a bulk change touching thousands of issues in the
 * overlap minutes) the oldest are forgotten: they may be processed once more, which the store absorbs as
 * "unchanged", but none is missed. It bounds the cursor stored with every page.
 */
export const SEEN_LIMIT = 2000;

const MINUTE = 60_000;
const HOUR = 3_600_000;

export interface WindowState {
  /** Newest `updated` (epoch ms) processed. */
  updatedMs: number;
  /** Id of the last issue processed at `updatedMs`. */
  lastId: string | null;
  /** Versions processed whose `updated` the next window can still return: id → updated ms. */
  seen: Map<string, number>;
}

const extraSchema = z.object({ seen: z.record(z.string(), z.number()) });

/** The window state in a stored cursor; null for a first (full) pull. A foreign `extra` counts as empty. */
export function readCursor(cursor: Cursor | null): WindowState | null {
  if (cursor === null) return null;
  const extra = extraSchema.safeParse(cursor.extra ?? {});
  return {
    updatedMs: cursor.updatedMs,
    lastId: cursor.lastId,
    seen: new Map(extra.success ? Object.entries(extra.data.seen) : []),
  };
}

export function toCursor(state: WindowState): Cursor {
  return {
    updatedMs: state.updatedMs,
    lastId: state.lastId,
    extra: { seen: Object.fromEntries(state.seen) },
  };
}

const floorMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;

/** Where the next search starts: the newest update minus the overlap, down to the minute. */
export function windowStartMs(state: WindowState, overlapMs: number): number {
  return floorMinute(state.updatedMs - overlapMs);
}

/**
 * The JQL literal for a window start, in the API user's time zone (§1.1b). Every zone's offset is a
 * whole number of minutes, so a minute-aligned instant is exactly representable. Near a DST change a wall
 * time can be ambiguous and Jira might read the later instant; there the edge steps back an hour, so the
 * literal can only err towards re-reading (which the dedupe absorbs), never towards missing.
 */
export function jqlLowerEdge(startMs: number, timeZone: string): string {
  const offset = zoneOffsetMs(startMs, timeZone);
  const nearChange =
    zoneOffsetMs(startMs - HOUR, timeZone) !== offset || zoneOffsetMs(startMs + HOUR, timeZone) !== offset;
  return formatJqlDate(nearChange ? startMs - HOUR : startMs, timeZone);
}

/** Whether this version (or a newer one) of the issue was processed already. */
export function alreadySeen(state: WindowState | null, id: string, updatedMs: number): boolean {
  const seen = state?.seen.get(id);
  return seen !== undefined && updatedMs <= seen;
}

/** The state after processing versions, pruned to what the next window can return. */
export function advance(
  state: WindowState | null,
  versions: readonly { id: string; updatedMs: number }[],
  overlapMs: number,
): WindowState {
  const next: WindowState = state
    ? { updatedMs: state.updatedMs, lastId: state.lastId, seen: new Map(state.seen) }
    : { updatedMs: Number.NEGATIVE_INFINITY, lastId: null, seen: new Map() };
  for (const { id, updatedMs } of versions) {
    next.seen.set(id, Math.max(next.seen.get(id) ?? Number.NEGATIVE_INFINITY, updatedMs));
    if (updatedMs >= next.updatedMs) {
      next.updatedMs = updatedMs;
      next.lastId = id;
    }
  }
  const keepFrom = windowStartMs(next, overlapMs);
  for (const [id, updatedMs] of next.seen) if (updatedMs < keepFrom) next.seen.delete(id);
  if (next.seen.size > SEEN_LIMIT) {
    const newest = [...next.seen].sort((a, b) => b[1] - a[1]).slice(0, SEEN_LIMIT);
    next.seen = new Map(newest);
  }
  return next;
}
