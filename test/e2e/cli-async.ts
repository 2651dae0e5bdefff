import { execFile } from 'node:child_process';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;

export interface CliOutcome {
  status: number | null;
  out: string;
  err: string;
}

/**
 * The built `bearing` with `--config config`, in a clean environment holding only `env`.
 * Asynchronous on purpose: these tests serve the sandbox from their own process, so a blocking
 * spawn would deadlock.
 */
export function bearingAsync(
  config: string,
  env: Record<string, string>,
  args: readonly string[],
  timeoutMs = 90_000,
): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args, '--config', config],
      { encoding: 'utf8', timeout: timeoutMs, env },
      (error, stdout, stderr) =>
        resolve({
          status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          out: stdout,
          err: stderr,
        }),
    );
  });
}
