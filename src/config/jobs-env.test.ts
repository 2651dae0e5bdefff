import { describe, expect, it } from 'vitest';
import { JOBS_SUPERVISE_ENV, jobsSuperviseSeconds } from './jobs-env.js';

describe(JOBS_SUPERVISE_ENV, () => {
  it('is the default when unset or empty, and whole seconds when set', () => {
    expect(jobsSuperviseSeconds({})).toBeUndefined();
    expect(jobsSuperviseSeconds({ [JOBS_SUPERVISE_ENV]: '' })).toBeUndefined();
    expect(jobsSuperviseSeconds({ [JOBS_SUPERVISE_ENV]: '1' })).toBe(1);
  });

  it.each(['0', '61', '1.5', 'soon'])('stops at start-up naming the variable when it is %j', (value) => {
    expect(() => jobsSuperviseSeconds({ [JOBS_SUPERVISE_ENV]: value })).toThrow(
      `${JOBS_SUPERVISE_ENV} must be whole seconds from 1 to 60, got "${value}"`,
    );
  });
});
