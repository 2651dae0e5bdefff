import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/model/index.js';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;

describe('bearing demo', () => {
  it('runs one full cycle against the fakes, prints a summary and exits 0', () => {
    expect(existsSync(bin), 'dist/ is missing: run `npm run build` first').toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'bearing-demo-out-'));
    const run = spawnSync(process.execPath, [bin, 'demo', '--out', out, '--size', '400'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const pulled = /pulled\s+(\d+) Jira issues \(of (\d+)\), (\d+) ServiceNow records \(of (\d+)\)/.exec(
      run.stdout,
    );
    expect(pulled, run.stdout).not.toBeNull();
    const [, jira, jiraAll, sn, snAll] = pulled!.map(Number);
    expect(jira).toBe(jiraAll);
    expect(sn).toBe(snAll);
    expect(jira! + sn!).toBe(400);
    expect(run.stdout).toMatch(/written\s+400 items \(0 failed/);
    const report = /report\s+(\d{4}-W\d{2}): (\S+)report\.html/.exec(run.stdout);
    expect(report, run.stdout).not.toBeNull();
    const [, week, dir] = report!;
    expect(dir).toBe(join(out, week!) + '/');
    const json = reportSchema.parse(JSON.parse(readFileSync(join(dir!, 'report.json'), 'utf8')));
    expect(json.week).toBe(week);
    expect(json.allocation.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir!, 'report.md'), 'utf8')).toContain(`# Weekly drift report ${week}`);
    expect(readFileSync(join(dir!, 'report.html'), 'utf8')).toMatch(/<svg[^>]*>/);
  });
});
