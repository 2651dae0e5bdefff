import { BearingError, messageOf } from '../core/index.js';

/** A failure to set up bearing's schema in PostgreSQL, saying what the database user needs. */
export function schemaSetupError(what: string, schema: string, error: unknown): BearingError {
  return new BearingError(
    'fatal',
    `could not ${what} in PostgreSQL: ${messageOf(error)}. The store's database user must be able to create the schema "${schema}" and its tables: GRANT CREATE ON DATABASE to it, or create the schema owned by it`,
    { cause: error },
  );
}
