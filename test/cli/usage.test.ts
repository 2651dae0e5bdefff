import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, bearing } from './run-cli.js';

describe('bearing usage', () => {
  it('prints help listing the commands and exits 0', () => {
    const { status, stdout } = bearing(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: bearing');
    expect(stdout).toMatch(/check .*validate bearing\.yaml/);
  });

  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { status, stdout } = bearing(['--version']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it('exits 2 on an unknown command, suggesting the closest one', () => {
    const { status, stderr } = bearing(['chek']);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown command 'chek'");
    expect(stderr).toContain('Did you mean check?');
  });

  it('exits 2 on an unknown option', () => {
    const { status, stderr } = bearing(['check', '--confg', 'x.yaml']);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown option '--confg'");
  });

  it('exits 2 and shows help when no command is given', () => {
    const { status, stderr } = bearing([]);
    expect(status).toBe(2);
    expect(stderr).toContain('Usage: bearing');
  });
});
