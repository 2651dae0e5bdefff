import { BearingError } from '../../core/index.js';
import type { Lease } from '../store.js';
import type { Db } from './connection.js';

interface LeaseRow {
  name: string;
  holder: string;
  expires_at: string;
}

const toLease = (r: LeaseRow): Lease => ({ name: r.name, holder: r.holder, expiresAt: Number(r.expires_at) });

/**
 * Takes the lease when nobody holds it, when it expired (`expires_at <= now`), or when `holder`
 * already has it. The conditional upsert decides in one statement, so two workers racing cannot both
 * win. When it does not take the lease, ON CONFLICT has still locked the row until the transaction
 * ends, so the read after it reports whoever holds it now.
 */
export function acquireLease(
  db: Db,
  name: string,
  holder: string,
  ttlMs: number,
  nowMs: number,
): Promise<{ acquired: boolean; lease: Lease }> {
  return db.tx(async (c) => {
    const taken = await c.query<LeaseRow>(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
       RETURNING name, holder, expires_at`,
      [name, holder, nowMs + ttlMs, nowMs],
    );
    if (taken.rows[0]) return { acquired: true, lease: toLease(taken.rows[0]) };
    const held = await c.query<LeaseRow>('SELECT name, holder, expires_at FROM leases WHERE name = $1', [
      name,
    ]);
    if (!held.rows[0])
      throw new BearingError('transient', `lease ${name} changed hands while being taken; try again`);
    return { acquired: false, lease: toLease(held.rows[0]) };
  });
}

/** Extends the lease only while `holder` has it; false means someone took it over. */
export async function renewLease(
  db: Db,
  name: string,
  holder: string,
  ttlMs: number,
  nowMs: number,
): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE leases SET expires_at = $1 WHERE name = $2 AND holder = $3', [
    nowMs + ttlMs,
    name,
    holder,
  ]);
  return (rowCount ?? 0) > 0;
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
}
