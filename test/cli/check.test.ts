import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ENV, ROOT, bearing } from './run-cli.js';

const EXAMPLE = join(ROOT, 'config/bearing.yaml');

/** A copy of the example config in a fresh directory, with `edit` applied to one of its files. */
function editedExample(file: 'bearing.yaml' | 'goals.yaml', edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bearing-cli-'));
  for (const name of ['bearing.yaml', 'goals.yaml'])
    copyFileSync(join(ROOT, 'config', name), join(dir, name));
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return join(dir, 'bearing.yaml');
}

describe('bearing check', () => {
  it('accepts the example configuration and summarises it', () => {
    const { status, stdout, stderr } = bearing(['check', '--offline', '--config', EXAMPLE], EXAMPLE_ENV);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(`Configuration is valid: ${EXAMPLE}`);
    expect(stdout).toMatch(/goals\s+5 goals for 2026-Q4/);
    expect(stdout).toMatch(/tools\s+\d+ capabilities, \d+ tools/);
    expect(stdout).toMatch(/jira\s+https:\/\/acme\.atlassian\.net \(cloud, API token\)/);
    expect(stdout).toMatch(/servicenow\s+https:\/\/acme\.service-now\.com/);
  });

  it('finds the shipped tool catalog when run from another directory', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'bearing-cwd-'));
    const { status, stdout } = bearing(['check', '--offline', '--config', EXAMPLE], EXAMPLE_ENV, elsewhere);
    expect(status).toBe(0);
    expect(stdout).toContain(join(ROOT, 'config/tools.yaml'));
  });

  it('reads ./config/bearing.yaml when no --config is given', () => {
    const { status, stdout } = bearing(['check', '--offline'], EXAMPLE_ENV);
    expect(status).toBe(0);
    expect(stdout).toContain(`Configuration is valid: ${EXAMPLE}`);
  });

  it('exits 2 naming the key path of a misspelt key, with a suggestion', () => {
    const config = editedExample('bearing.yaml', (t) => t.replace('  jql: project', '  jqll: project'));
    const { status, stdout, stderr } = bearing(['check', '--offline', '--config', config], EXAMPLE_ENV);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bearing.yaml: jira.jqll: unknown key (did you mean "jql"?)');
  });

  it('exits 2 naming the goal whose target is above 1', () => {
    const config = editedExample('goals.yaml', (t) => t.replace('target: 0.15', 'target: 1.5'));
    const { status, stderr } = bearing(['check', '--offline', '--config', config], EXAMPLE_ENV);
    expect(status).toBe(2);
    expect(stderr).toContain('goals.yaml: goals[1].target: must be between 0 and 1');
  });

  it('exits 2 naming the key and the variable when an environment variable is missing', () => {
    const { SN_PASSWORD: _unset, ...env } = EXAMPLE_ENV;
    const { status, stderr } = bearing(['check', '--offline', '--config', EXAMPLE], env);
    expect(status).toBe(2);
    expect(stderr).toContain(
      'bearing.yaml: servicenow.auth.password: environment variable SN_PASSWORD is not set',
    );
    expect(stderr).not.toContain('JIRA_API_TOKEN');
  });

  it('exits 2 when the config file does not exist', () => {
    const { status, stderr } = bearing([
      'check',
      '--offline',
      '--config',
      join(tmpdir(), 'nowhere', 'bearing.yaml'),
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain('bearing.yaml: cannot read');
  });

  it('never prints a secret', () => {
    const { stdout, stderr } = bearing(['check', '--offline', '--config', EXAMPLE], EXAMPLE_ENV);
    for (const secret of Object.values(EXAMPLE_ENV)) expect(stdout + stderr).not.toContain(secret);
  });
});
