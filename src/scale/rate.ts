import pg from 'pg';
import { messageOf, type Logger } from '../core/index.js';
import type { LaneOptions, RateGate } from '../connectors/http/index.js';

/**
 * One upstream site's request rate shared by every replica on one PostgreSQL: a row per site holds
 * the instant its next request may start (`next_at`, in the database's clock, so replicas' clocks do
 * not matter). A replica reserves a small grant of slots by moving `next_at` on by
 * `grant / perSecond` seconds in one statement (the row lock orders concurrent grants), then starts
 * one request per slot, `1 / perSecond` apart. Slots are never handed out twice, so all replicas
 * together start at most `perSecond` requests in any second (plus the one on the window's edge),
 * however many there are and whenever they join or leave. A slot a replica reserved but did not use
 * is lost, which only makes the total lower.
 */
export interface SharedRates {
  /** The gate for one site (`system` + base URL) at its configured rate. */
  gate(site: string, rate: LaneOptions): RateGate;
  close(): Promise<void>;
}

export interface SharedRateOptions {
  url: string;
  /** Schema of the `rate_slot` table (pg-boss's schema: everything the replicas share about work). */
  schema: string;
  log: Logger;
  /** How much of a second one grant covers; bigger grants mean fewer round trips and more waste. @default 0.25 */
  grantSeconds?: number;
}

const DEFAULT_GRANT_SECONDS = 0.25;

export async function openSharedRates(options: SharedRateOptions): Promise<SharedRates> {
  const pool = new pg.Pool({ connectionString: options.url, max: 2, application_name: 'bearing-rate' });
  pool.on('error', (e) => options.log.warn({ err: e.message }, 'idle rate-limit connection lost'));
  const table = `${options.schema}.rate_slot`;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${table} (site text PRIMARY KEY, next_at timestamptz NOT NULL)`,
  );
  const grantSeconds = options.grantSeconds ?? DEFAULT_GRANT_SECONDS;

  /** Reserves `count` slots of `spacingMs`; resolves with how long until the first one (ms, ≥ 0). */
  async function reserve(site: string, count: number, spacingMs: number): Promise<number> {
    const { rows } = await pool.query<{ wait_ms: number }>(
      `INSERT INTO ${table} AS s (site, next_at)
         VALUES ($1, statement_timestamp() + $2 * interval '1 millisecond')
       ON CONFLICT (site) DO UPDATE
         SET next_at = GREATEST(s.next_at, statement_timestamp()) + $2 * interval '1 millisecond'
       RETURNING (extract(epoch FROM next_at - statement_timestamp()) * 1000 - $2)::float8 AS wait_ms`,
      [site, count * spacingMs],
    );
    return Math.max(0, rows[0]?.wait_ms ?? 0);
  }

  return {
    gate(site, rate) {
      const spacingMs = 1000 / rate.perSecond;
      const grant = Math.max(1, Math.floor(rate.perSecond * grantSeconds));
      /** Start times (local ms) of slots reserved and not yet used, earliest first. */
      let slots: number[] = [];
      let reserving: Promise<void> | undefined;
      const refill = async (): Promise<void> => {
        const wait = await reserve(site, grant, spacingMs);
        const first = Date.now() + wait;
        slots = Array.from({ length: grant }, (_, i) => first + i * spacingMs);
      };
      return {
        async take() {
          for (;;) {
            // Slots whose time has long passed were reserved for a burst that did not come: drop them,
            // or a late burst would start many requests at once.
            while (slots.length > 0 && (slots[0] as number) < Date.now() - spacingMs) slots.shift();
            const at = slots.shift();
            if (at !== undefined) {
              const wait = at - Date.now();
              if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
              return;
            }
            reserving ??= refill().finally(() => (reserving = undefined));
            await reserving;
          }
        },
        pause(ms) {
          slots = [];
          pool
            .query(
              `INSERT INTO ${table} AS s (site, next_at)
                 VALUES ($1, statement_timestamp() + $2 * interval '1 millisecond')
               ON CONFLICT (site) DO UPDATE
                 SET next_at = GREATEST(s.next_at, statement_timestamp() + $2 * interval '1 millisecond')`,
              [site, ms],
            )
            .catch((error: unknown) =>
              options.log.warn({ site, err: messageOf(error) }, 'could not share a rate-limit pause'),
            );
        },
      };
    },
    close: () => pool.end(),
  };
}
