import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Every path where a credential can appear. pino's redaction replaces the value, so a token never
 * reaches a log line even when a whole config, request or error object is logged.
 */
export const REDACT_PATHS = [
  'password',
  'token',
  'pat',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
  'auth',
  '*.password',
  '*.token',
  '*.pat',
  '*.secret',
  '*.authorization',
  '*.Authorization',
  '*.cookie',
  '*.auth',
  '*.*.password',
  '*.*.token',
  '*.*.pat',
  '*.*.authorization',
  '*.*.Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'config.headers.Authorization',
  'err.config.headers.Authorization',
  'err.config.auth',
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
  /** Literal secrets to blank out of any message text (config values from ${ENV}). */
  secrets?: readonly string[];
}

/** The pino factory: JSON lines on stdout, credential paths redacted, known secret values masked. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'bearing' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      ...(secrets.length
        ? {
            hooks: {
              logMethod(args, method) {
                const masked = args.map((a) => (typeof a === 'string' ? maskSecrets(a, secrets) : a));
                method.apply(this, masked as Parameters<typeof method>);
              },
            },
            formatters: {
              log(object: Record<string, unknown>) {
                return JSON.parse(maskSecrets(JSON.stringify(object), secrets)) as Record<string, unknown>;
              },
            },
          }
        : {}),
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/**
 * Replaces every occurrence of a secret. Callers pass derived forms too (the Base64 of a Basic
 * `user:password` pair), so an encoded header cannot leak one.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    out = out.split(s).join('[redacted]');
  }
  return out;
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
