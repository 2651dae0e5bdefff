import { isoWeekBounds, isoWeekOf } from '../../core/time.js';
import type { Random } from './random.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** How far back tickets are created: twelve weeks, so reports have history before the window. */
export const SPAN_DAYS = 84;
/** The design's analysis window (`analysis.windowDays` default). */
export const WINDOW_DAYS = 28;

export interface Timeline {
  now: number;
  /** Earliest creation time of ordinary tickets. */
  start: number;
  /**
   * Where bearing's analysis window starts for the demo config (`schedule.timezone: UTC`): Monday
   * 00:00 UTC of the ISO week holding `now` − the window's days (the pipeline starts the window at a
   * week's start so it does not slide with every cycle).
   */
  windowStart: number;
  /**
   * `windowStart` less 14 hours (the widest zone offset). A ticket resolved between here and
   * `windowStart` counts in the window or not depending on the zone its weeks are read in, so no
   * ticket whose flags depend on it is resolved there.
   */
  bandStart: number;
}

export function timeline(now: number): Timeline {
  const windowStart = isoWeekBounds(isoWeekOf(now - WINDOW_DAYS * DAY, 'UTC'), 'UTC').start;
  return { now, start: now - SPAN_DAYS * DAY, windowStart, bandStart: windowStart - 14 * HOUR };
}

export type Status = 'todo' | 'doing' | 'done';

export interface Lifecycle {
  status: Status;
  updated: number;
  resolved: number | null;
}

/** How long work of one kind takes: duration ranges in hours with weights, a start delay, a backlog share. */
export interface Profile {
  durations: readonly (readonly [number, number, number])[];
  startDelayHours: readonly [number, number];
  /** Share of tickets that sit in the backlog untouched. */
  backlog: number;
}

const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** Status and dates of a ticket created at `created`, as its team would have worked it by `now`. */
export function simulate(rng: Random, created: number, profile: Profile, now: number): Lifecycle {
  if (rng.chance(profile.backlog)) return settle(rng, created, 'todo', now);
  const [lo, hi] = rng.weighted(profile.durations.map((d) => [[d[0], d[1]] as const, d[2]] as const));
  const start = created + rng.between(profile.startDelayHours[0], profile.startDelayHours[1]) * HOUR;
  const end = start + rng.between(lo, hi) * HOUR;
  if (end <= now) {
    const resolved = seconds(end);
    return { status: 'done', resolved, updated: seconds(Math.min(now, resolved + rng.between(0, DAY))) };
  }
  if (start <= now)
    return {
      status: 'doing',
      resolved: null,
      updated: seconds(Math.max(start, now - rng.between(0, 6 * DAY))),
    };
  return settle(rng, created, 'todo', now);
}

/**
 * Dates for a ticket whose status is decided: `todo` barely touched since creation, `doing`
 * updated in the last few days, `done` resolved at or after `resolvedFrom` and before `now`.
 */
export function settle(
  rng: Random,
  created: number,
  status: Status,
  now: number,
  resolvedFrom = created,
): Lifecycle {
  const room = Math.max(0, now - created);
  if (status === 'todo')
    return { status, resolved: null, updated: seconds(created + rng.between(0, Math.min(room, 2 * DAY))) };
  if (status === 'doing') {
    return { status, resolved: null, updated: seconds(Math.max(created, now - rng.between(0, 4 * DAY))) };
  }
  const from = Math.max(created, resolvedFrom);
  const resolved = seconds(from + rng.between(0, Math.max(0, now - HOUR - from)));
  return {
    status,
    resolved: Math.max(resolved, created),
    updated: seconds(Math.min(now, resolved + rng.between(0, 6 * HOUR))),
  };
}

/**
 * Whether an item counts in a week of the analysis window (design: "Effort in a week"), which is
 * also when it was "in progress or resolved within the window" for `request-pressure`.
 */
export function activeInWindow(
  item: { status: Status; updated: number; resolved: number | null },
  tl: Timeline,
): boolean {
  if (item.resolved !== null && item.resolved >= tl.windowStart && item.resolved <= tl.now) return true;
  return item.status === 'doing' && item.updated >= tl.windowStart;
}
