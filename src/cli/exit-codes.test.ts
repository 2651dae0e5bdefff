import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { BearingError, ConfigError } from '../core/index.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';

describe('exitCodeFor', () => {
  it('exits 2 for configuration problems and usage errors', () => {
    expect(exitCodeFor(new ConfigError(['bearing.yaml: jira: is required']))).toBe(ExitCode.usage);
    expect(exitCodeFor(new BearingError('config', 'store: unsupported'))).toBe(ExitCode.usage);
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', "unknown option '--x'"))).toBe(
      ExitCode.usage,
    );
  });

  it('exits 0 after --help and --version', () => {
    expect(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(ExitCode.ok);
  });

  it('exits 1 when a stage fails', () => {
    expect(exitCodeFor(new BearingError('auth', 'Jira answered 401'))).toBe(ExitCode.stageFailed);
    expect(exitCodeFor(new Error('boom'))).toBe(ExitCode.stageFailed);
  });
});
