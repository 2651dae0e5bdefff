import { z } from 'zod';
import { validateDetailed } from 'node-cron';

/** A URL bearing calls: http(s) only, no credentials inside, no trailing slash after parsing. */
export const httpUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = httpUrlProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.replace(/\/+$/, ''));

function httpUrlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return `must be a URL like https://host.example, got "${value}"`;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `must start with https:// or http://, got "${url.protocol}"`;
  }
  if (url.username !== '' || url.password !== '') return 'must not contain credentials; put them under auth';
  if (url.search !== '' || url.hash !== '') return 'must not contain a query or fragment';
  return undefined;
}

export const isHttps = (url: string): boolean => url.startsWith('https:');
export const hostOf = (url: string): string => new URL(url).hostname.toLowerCase();

/** A credential value; usually `"${SOME_ENV}"` in the file. */
export const secretSchema = z.string().min(1, 'must not be empty');

/** Five-field cron, or six fields with seconds first, as node-cron accepts it. */
export const cronSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const result = validateDetailed(value);
    if (result.valid) return;
    const why = result.errors.map((e) => e.message).join('; ');
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a valid cron expression (${why}); use five fields "minute hour day month weekday" or six with seconds first`,
    });
  });

/**
 * An IANA time zone name (`Europe/Berlin`, `UTC`), returned in its canonical spelling. Offsets
 * like `+01:00` are refused: they ignore daylight saving time, so weekly reports would drift.
 */
export const timeZoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const canonical = canonicalTimeZone(value);
    if (canonical === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an IANA time zone; use a name like UTC, Europe/Berlin or America/New_York`,
      });
      return z.NEVER;
    }
    return canonical;
  });

function canonicalTimeZone(value: string): string | undefined {
  if (!/^[A-Za-z]/.test(value)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Requests per second and in flight, per upstream system (one p-queue lane each). */
export const rateLimitSchema = z
  .strictObject({
    /** @default 10 */
    perSecond: z.number().positive().max(1000).default(10),
    /** @default 4 */
    concurrency: z.number().int().min(1).max(64).default(4),
  })
  .prefault({});
export type RateLimit = z.infer<typeof rateLimitSchema>;

/** Per-request timeout. @default 30000 */
export const timeoutMsSchema = z
  .number()
  .int()
  .min(100, 'is in milliseconds and must be at least 100')
  .max(600_000, 'must be at most 600000 (10 minutes)')
  .default(30_000);

export const tlsSchema = z
  .strictObject({
    /** Refuse servers whose certificate does not verify. Turn off only for a test instance. @default true */
    rejectUnauthorized: z.boolean().default(true),
  })
  .prefault({});
export type TlsSettings = z.infer<typeof tlsSchema>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A file or directory path; relative ones are resolved against the config file's directory. */
export const pathSchema = z.string().trim().min(1, 'must not be empty');

/** A regular expression source that must compile. */
export const regexSourceSchema = z.string().superRefine((value, ctx) => {
  try {
    new RegExp(value);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${(e as Error).message}` });
  }
});

/** Unique entries in a list, compared case-insensitively. */
export function noDuplicates(values: readonly string[], ctx: z.RefinementCtx, what: string): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const key = value.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${what} "${value}"` });
    seen.add(key);
  });
}

/** The three field names bearing writes must name three different fields. */
export function distinctFieldNames(fields: Record<string, string>, ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>();
  for (const [key, name] of Object.entries(fields)) {
    const other = seen.get(name.toLowerCase());
    if (other !== undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: `is the same field as ${other} ("${name}")` });
    }
    seen.set(name.toLowerCase(), key);
  }
}
