/**
 * The incremental window of one scope (pure).
 *
 * The cursor keeps the newest `updated` processed, the window's next lower edge (`extra.safeFromMs`: every
 * version updated before it has been processed) and the versions processed at or after that edge
 * (`extra.seen`, id → updated ms). The next search starts at the edge rounded down to the minute (JQL dates
 * have minute precision, §1.1b) and skips the versions it has seen, so nothing is processed twice.
 *
 * Where the edge lies: search is eventually consistent (§1.2), so a change made shortly before a search may
 * not show in it. bearing assumes a change shows within `overlapMs`. A walk that started when Jira's clock
 * said `startedAtMs` and reached the end has then seen every change made before `startedAtMs − overlapMs`:
 * that is the edge. A walk that stopped after a page has seen everything up to the
 * last `updated` it read, except changes still hidden: the edge is the earlier of the two. Re-reading is
 * thereby limited to the changes of the overlap before the last run, once — not to the same burst of
 * changes on every run until something else changes (as an edge of "newest update − overlap" would).
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
  /** Every version updated before this has been processed: the next window's lower edge. */
  safeFromMs: number;
  /** Versions processed whose `updated` the next window can still return: id → updated ms. */
  seen: Map<string, number>;
}

const extraSchema = z.object({ seen: z.record(z.string(), z.number()), safeFromMs: z.number() });

/**
 * The window state in a stored cursor; null for a first (full) pull. A cursor without bearing's extras
 * (written by something else) starts the overlap before its newest update, with nothing seen.
 */
export function readCursor(cursor: Cursor | null, overlapMs: number): WindowState | null {
  if (cursor === null) return null;
  const extra = extraSchema.safeParse(cursor.extra ?? {});
  return {
    updatedMs: cursor.updatedMs,
    lastId: cursor.lastId,
    safeFromMs: extra.success ? extra.data.safeFromMs : cursor.updatedMs - overlapMs,
    seen: new Map(extra.success ? Object.entries(extra.data.seen) : []),
  };
}

export function toCursor(state: WindowState): Cursor {
  return {
    updatedMs: state.updatedMs,
    lastId: state.lastId,
    extra: { safeFromMs: state.safeFromMs, seen: Object.fromEntries(state.seen) },
  };
}

const floorMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;

/** Where the next search starts: the safe edge, down to the minute. */
export function windowStartMs(state: WindowState): number {
  return floorMinute(state.safeFromMs);
}

/**
 * The lower edge after a page: `startedAtMs − overlapMs` once the walk has reached its end, else the earlier
 * of that and the newest `updated` the walk has read (`walkedToMs`; null when it read none, which keeps the
 * previous edge).
 */
export function safeEdge(
  previous: WindowState | null,
  walk: { startedAtMs: number; overlapMs: number; walkedToMs: number | null; complete: boolean },
): number {
  const settled = walk.startedAtMs - walk.overlapMs;
  if (walk.complete) return settled;
  // Nothing read yet on a first pull: from the epoch, i.e. everything again.
  if (walk.walkedToMs === null) return Math.min(previous?.safeFromMs ?? 0, settled);
  return Math.min(walk.walkedToMs, settled);
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

/**
 * The state after processing versions, with its new lower edge, pruned to what the next window can return.
 * A scope that never had an issue keeps the edge as its newest update.
 */
export function advance(
  state: WindowState | null,
  versions: readonly { id: string; updatedMs: number }[],
  safeFromMs: number,
): WindowState {
  const next: WindowState = state
    ? { updatedMs: state.updatedMs, lastId: state.lastId, safeFromMs, seen: new Map(state.seen) }
    : { updatedMs: Number.NEGATIVE_INFINITY, lastId: null, safeFromMs, seen: new Map() };
  for (const { id, updatedMs } of versions) {
    next.seen.set(id, Math.max(next.seen.get(id) ?? Number.NEGATIVE_INFINITY, updatedMs));
    if (updatedMs >= next.updatedMs) {
      next.updatedMs = updatedMs;
      next.lastId = id;
    }
  }
  if (!Number.isFinite(next.updatedMs)) next.updatedMs = safeFromMs;
  const keepFrom = windowStartMs(next);
  for (const [id, updatedMs] of next.seen) if (updatedMs < keepFrom) next.seen.delete(id);
  if (next.seen.size > SEEN_LIMIT) {
    const newest = [...next.seen].sort((a, b) => b[1] - a[1]).slice(0, SEEN_LIMIT);
    next.seen = new Map(newest);
  }
  return next;
}
