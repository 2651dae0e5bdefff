import { describe, expect, it } from 'vitest';
import { BearingError } from '../core/index.js';
import { schemaSetupError } from './schema-error.js';

describe('a failure to set up bearing’s schema in PostgreSQL', () => {
  it('says what to grant when a privilege is missing', () => {
    const denied = Object.assign(new Error('permission denied for database bearing'), { code: '42501' });
    expect(schemaSetupError('start the job queues', 'bearing_jobs', denied).message).toBe(
      'could not start the job queues in PostgreSQL: permission denied for database bearing. The store\'s database user must be able to create the schema "bearing_jobs" and its tables: GRANT CREATE ON DATABASE to it, or create the schema owned by it',
    );
  });

  it('keeps its own reason otherwise, without blaming privileges', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(schemaSetupError('start the job queues', 'bearing_jobs', refused).message).toBe(
      'could not start the job queues in PostgreSQL: connect ECONNREFUSED 127.0.0.1:5432',
    );
    const setting = new BearingError(
      'config',
      'BEARING_JOBS_SUPERVISE_SECONDS must be whole seconds from 1 to 60, got "0"',
    );
    expect(schemaSetupError('start the job queues', 'bearing_jobs', setting)).toBe(setting);
  });
});
