import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '../store/fixtures/postgres.js';

export { postgresSuiteTitle, TEST_POSTGRES_URL } from '../store/fixtures/postgres.js';

/**
 * A new empty database on the test server (BEARING_TEST_POSTGRES_URL's), so a test's job queues and
 * rate slots are its own; `drop()` removes it (after every client has gone).
 */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bearing_scale_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A login role that owns `url`'s `public` schema (so the store can create its tables there) but may
 * not create schemas in the database, as a cautious DBA would set it up. Returns the role's URL and
 * how to drop the role with what it owns.
 */
export async function roleOwningOnlyPublic(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const role = `bearing_role_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(`CREATE ROLE ${role} LOGIN`);
  await admin(`ALTER SCHEMA public OWNER TO ${role}`, url);
  const roleUrl = new URL(url);
  roleUrl.username = role;
  const drop = async (): Promise<void> => {
    await admin(`DROP OWNED BY ${role}`, url).catch(() => undefined);
    await admin(`DROP ROLE IF EXISTS ${role}`);
  };
  return { url: roleUrl.toString(), drop };
}

async function admin(sql: string, url = TEST_POSTGRES_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The most requests that arrived within any one second: a sliding window, stricter than the sandbox's bucket. */
export function busiestSecond(times: readonly number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[j] as number) <= (times[i] as number) - 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
