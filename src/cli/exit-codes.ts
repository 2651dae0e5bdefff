import { CommanderError } from 'commander';
import { errorKind, isConfigError } from '../core/index.js';

/** bearing's exit codes (design.md, "Command line contract"). */
export const ExitCode = {
  /** The command completed; quarantined records and failed single writes are in its summary. */
  ok: 0,
  /** A stage or scope failed; the message says what and where. */
  stageFailed: 1,
  /** Bad arguments or configuration. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code for an error that ended a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    // --help and --version end parsing with code 0; everything else commander throws is a usage error.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isConfigError(error) || errorKind(error) === 'config') return ExitCode.usage;
  return ExitCode.stageFailed;
}
