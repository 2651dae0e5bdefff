import pg from 'pg';
import { messageOf, type LaneOptions, type Logger, type RateGate } from '../core/index.js';
import { schemaSetupError } from './schema-error.js';

/**
 * One upstream site's request rate shared by every replica on one PostgreSQL. A row per site holds
 * the instant its next request may start (`next_at`, in the database's clock). A replica reserves a
 * grant of start slots, one for each request it has waiting, by moving `next_at` on in one statement
 * (the row lock orders concurrent grants, so a slot is never handed out twice), then starts one
 * request per slot.
 *
 * Sites count requests as they arrive, and arrival is not start: a replica's timer fires late when
 * its event loop is busy, its clock differs from the database's, the request takes a while to reach
 * the site, and the site stamps it late when it is busy itself. If slots were `1 / perSecond` apart,
 * one late request and the next `perSecond` on time would make `perSecond + 1` in one second. So:
 *
 * - slots are `(1 s + jitter) / perSecond` apart: arrivals may then spread by up to `jitter` and any
 *   one second still holds at most `perSecond` of them, as the site counts (sliding or fixed window);
 * - a request starts no earlier than its slot, in local time corrected by the offset to the database's
 *   clock (measured on every grant; the sample with the shortest round trip wins);
 * - a slot missed by more than 50 ms (a busy event loop) is given up, not used late; the rest of the
 *   allowance covers the offset's error, the network and the site.
 *
 * The price is `jitter` of every second: at the default 200 ms the replicas together start at most
 * `perSecond / 1.2` requests per second. (On this project's loaded 2-core test machine, arrivals at
 * the sandbox spread from their slots by 10 ms at the 90th percentile and up to 150 ms at worst.) A
 * reserved slot a replica did not use is lost, which only lowers the total.
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
  /**
   * How much of a second one grant may cover at most. A grant holds one slot per request waiting in
   * the replica at the time, so a replica that sends one request after another (a scope's pages)
   * reserves one slot each time and wastes none. @default 0.25
   */
  grantSeconds?: number;
  /** How far arrivals at the site may spread from their slots without a second holding too many. @default 200 */
  jitterMs?: number;
}

const DEFAULT_GRANT_SECONDS = 0.25;
export const DEFAULT_JITTER_MS = 200;
/** How late a slot may still be used; the rest of the jitter allowance is the network's and the site's. */
const LATE_MS = 50;
/** An offset sample older than this is replaced by the next one, however long its round trip (clocks drift). */
const OFFSET_MAX_AGE_MS = 60_000;

/** Local wall-clock time in ms, monotonic between clock adjustments and finer than `Date.now()`. */
const localNow = (): number => performance.timeOrigin + performance.now();

export async function openSharedRates(options: SharedRateOptions): Promise<SharedRates> {
  const pool = new pg.Pool({ connectionString: options.url, max: 2, application_name: 'bearing-rate' });
  pool.on('error', (e) => options.log.warn({ err: e.message }, 'idle rate-limit connection lost'));
  const table = `${options.schema}.rate_slot`;
  try {
    await createOnce(pool, [
      `CREATE SCHEMA IF NOT EXISTS ${options.schema}`,
      `CREATE TABLE IF NOT EXISTS ${table} (site text PRIMARY KEY, next_at timestamptz NOT NULL)`,
    ]);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw schemaSetupError('create the shared rate limit table', options.schema, error);
  }
  const grantSeconds = options.grantSeconds ?? DEFAULT_GRANT_SECONDS;
  const jitterMs = options.jitterMs ?? DEFAULT_JITTER_MS;
  const lateMs = Math.min(LATE_MS, jitterMs / 2);

  /** Database clock minus local clock (ms), from the sample with the shortest round trip. */
  let offset: { ms: number; roundTripMs: number; at: number } | undefined;

  /** Reserves `count` slots `spacingMs` apart; resolves with the first one's start in local time (ms). */
  async function reserve(site: string, count: number, spacingMs: number): Promise<number> {
    const sent = localNow();
    const { rows } = await pool.query<{ first_ms: number; now_ms: number }>(
      `INSERT INTO ${table} AS s (site, next_at)
         VALUES ($1, statement_timestamp() + $2 * interval '1 millisecond')
       ON CONFLICT (site) DO UPDATE
         SET next_at = GREATEST(s.next_at, statement_timestamp()) + $2 * interval '1 millisecond'
       RETURNING (extract(epoch FROM next_at) * 1000 - $2)::float8 AS first_ms,
                 (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms`,
      [site, count * spacingMs],
    );
    const received = localNow();
    const row = rows[0];
    if (!row) throw new Error(`no rate slot row for ${site}`);
    const roundTripMs = received - sent;
    if (!offset || roundTripMs <= offset.roundTripMs || received - offset.at > OFFSET_MAX_AGE_MS) {
      offset = { ms: row.now_ms - (sent + received) / 2, roundTripMs, at: received };
    }
    return row.first_ms - offset.ms;
  }

  return {
    gate(site, rate) {
      const spacingMs = (1000 + jitterMs) / rate.perSecond;
      const maxGrant = Math.max(1, Math.floor(rate.perSecond * grantSeconds));
      /** Start times (local ms) of slots reserved and not yet used, earliest first. */
      let slots: number[] = [];
      /** Requests waiting for a slot: a grant is as big as this (up to maxGrant), so none goes to waste. */
      let waiting = 0;
      let reserving: Promise<void> | undefined;
      const refill = async (): Promise<void> => {
        const count = Math.min(Math.max(waiting, 1), maxGrant);
        const first = await reserve(site, count, spacingMs);
        slots = Array.from({ length: count }, (_, i) => first + i * spacingMs);
      };
      return {
        async take() {
          for (;;) {
            const at = slots.shift();
            if (at === undefined) {
              waiting++;
              try {
                reserving ??= refill().finally(() => (reserving = undefined));
                await reserving;
              } finally {
                waiting--;
              }
              continue;
            }
            const wait = at - localNow();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
            // Never earlier than the slot (a timer may round down), and never much later: a slot
            // used late would crowd the next replica's on-time one into the same second.
            while (localNow() < at) await new Promise((resolve) => setImmediate(resolve));
            if (localNow() - at <= lateMs) return;
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

/** SQLSTATEs of a catalog entry another session created at the same moment. */
const CREATED_MEANWHILE = new Set(['23505', '42P06', '42P07', '42710']);

/**
 * Runs `IF NOT EXISTS` DDL that replicas starting together (and pg-boss, for the schema) may run at
 * the same moment: PostgreSQL lets one of two such statements fail on the catalog's unique index
 * instead of finding the other's object, so a failure of that kind is run again, and then finds it.
 */
async function createOnce(pool: pg.Pool, statements: readonly string[]): Promise<void> {
  for (const sql of statements) {
    for (let attempt = 1; ; attempt++) {
      try {
        await pool.query(sql);
        break;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= 3 || typeof code !== 'string' || !CREATED_MEANWHILE.has(code)) throw error;
      }
    }
  }
}
