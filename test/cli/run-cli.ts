import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'dist/cli/bin.js');

/** The variables the example config/bearing.yaml refers to. */
export const EXAMPLE_ENV = {
  JIRA_API_TOKEN: 'example-jira-token',
  SN_PASSWORD: 'example-sn-password',
  REPORT_WEBHOOK: 'https://hooks.example/services/T000/B000/example',
};

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `bearing` bin with the Node that runs the tests (the pinned Node 24), in a clean
 * environment holding only `env`.
 */
export function bearing(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT): CliResult {
  if (!existsSync(BIN)) {
    throw new Error(
      `${BIN} does not exist: run \`npm run build\` first (\`npm test\` builds before testing)`,
    );
  }
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
