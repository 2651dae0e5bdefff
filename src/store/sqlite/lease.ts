import type { Lease } from '../store.js';
import type { Connection } from './connection.js';

/**
 * Takes the lease when nobody holds it, when it expired (`expires_at <= now`), or when `holder`
 * already has it. The conditional upsert decides in one statement, so two workers racing cannot
 * both win; the read after it, in the same transaction, reports whoever holds it now.
 */
export function acquireLease(
  conn: Connection,
  name: string,
  holder: string,
  ttlMs: number,
  nowMs: number,
): { acquired: boolean; lease: Lease } {
  return conn.tx(() => {
    const { changes } = conn
      .stmt(
        `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
      )
      .run(name, holder, nowMs + ttlMs, nowMs);
    const row = conn.stmt('SELECT name, holder, expires_at FROM leases WHERE name = ?').get(name)!;
    return {
      acquired: Number(changes) > 0,
      lease: { name: row.name as string, holder: row.holder as string, expiresAt: Number(row.expires_at) },
    };
  });
}

/** Extends the lease only while `holder` has it; false means someone took it over. */
export function renewLease(
  conn: Connection,
  name: string,
  holder: string,
  ttlMs: number,
  nowMs: number,
): boolean {
  const { changes } = conn
    .stmt('UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?')
    .run(nowMs + ttlMs, name, holder);
  return Number(changes) > 0;
}

export function releaseLease(conn: Connection, name: string, holder: string): void {
  conn.stmt('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
}
