import { Command, CommanderError } from 'commander';
import { isBearingError, isConfigError, messageOf } from '../core/index.js';
import { packageVersion } from '../main.js';
import { COMMANDS } from './commands/index.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';

export function createProgram(io: CliIo): Command {
  const program = new Command('bearing')
    .description(
      "keeps IT work pointed at the business's goals: Jira and ServiceNow in, scores and reports out",
    )
    .version(packageVersion(), '-V, --version')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run bearing --help for usage)')
    // Throw instead of exiting, so runCli decides the exit code in one place.
    .exitOverride();
  for (const register of COMMANDS) register(program, io);
  return program;
}

/** Runs one command line (`process.argv` form) and returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  try {
    await createProgram(io).parseAsync([...argv]);
    return ExitCode.ok;
  } catch (error) {
    const code = exitCodeFor(error);
    // commander has already printed its own usage errors.
    if (code !== ExitCode.ok && !(error instanceof CommanderError)) io.err(describeFailure(error));
    return code;
  }
}

function describeFailure(error: unknown): string {
  if (isConfigError(error)) {
    const n = error.issues.length;
    return `bearing: the configuration has ${n} problem${n === 1 ? '' : 's'}:\n${error.issues.join('\n')}\n`;
  }
  // An error bearing did not expect is a bug: its stack is what a maintainer needs.
  if (!isBearingError(error) && error instanceof Error && error.stack) return `bearing: ${error.stack}\n`;
  return `bearing: ${messageOf(error)}\n`;
}
