import { BearingError, isBearingError, messageOf } from '../core/index.js';

/** PostgreSQL's SQLSTATE for a missing privilege. */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * A failure to set up bearing's schema in PostgreSQL. A missing privilege says what to grant; any
 * other failure (the server unreachable, a bad setting) keeps its own message.
 */
export function schemaSetupError(what: string, schema: string, error: unknown): BearingError {
  if (isBearingError(error)) return error;
  const hint =
    (error as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE
      ? `. The store's database user must be able to create the schema "${schema}" and its tables: GRANT CREATE ON DATABASE to it, or create the schema owned by it`
      : '';
  return new BearingError('fatal', `could not ${what} in PostgreSQL: ${messageOf(error)}${hint}`, {
    cause: error,
  });
}
