import { z } from 'zod';
import { BearingError } from '../core/errors.js';
import type { Env } from './env.js';

/**
 * How often replicas on PostgreSQL look for jobs whose replica stopped, for tests: a killed
 * replica's job is then retried sooner. Not in bearing.yaml because production keeps the default
 * (every look also refreshes pg-boss's queue statistics).
 */
export const JOBS_SUPERVISE_ENV = 'BEARING_JOBS_SUPERVISE_SECONDS';
const superviseSeconds = z.coerce.number().int().min(1).max(60);

/** The override in whole seconds, or undefined when unset. */
export function jobsSuperviseSeconds(env: Env = process.env): number | undefined {
  const value = env[JOBS_SUPERVISE_ENV];
  if (value === undefined || value === '') return undefined;
  const parsed = superviseSeconds.safeParse(value);
  if (!parsed.success)
    throw new BearingError(
      'config',
      `${JOBS_SUPERVISE_ENV} must be whole seconds from 1 to 60, got "${value}"`,
    );
  return parsed.data;
}
