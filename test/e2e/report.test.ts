import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/core/index.js';
import { reportSchema } from '../../src/model/index.js';
import { bearing as bearingIn, startWorld, type World } from '../service/fixtures/world.js';

// `bearing report` as an admin runs it, against a store filled by one cycle on the sandbox.
let world: World;

const bearing = (...args: string[]) => bearingIn(world, ...args);

beforeAll(async () => {
  world = await startWorld({ setup: false, size: 300 });
  const setup = await bearing('setup');
  expect(setup.code, setup.stderr).toBe(0);
  const run = await bearing('run', '--once');
  expect(run.code, run.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  await world?.close();
});

const snapshot = (path: string): Map<string, Buffer> =>
  new Map(readdirSync(path).map((name) => [name, readFileSync(join(path, name))]));

describe('bearing report', () => {
  let week: string;

  it('builds last week’s report from the stored analysis and writes every file', async () => {
    const result = await bearing('report');
    expect(result.code, result.stderr).toBe(0);
    const head = /^report (\d{4}-W\d{2}): built from analysis \S+$/m.exec(result.stdout);
    expect(head, result.stdout).not.toBeNull();
    week = head![1]!;
    expect(week).not.toBe(isoWeekOf(Date.now(), 'UTC')); // a complete week, not the current one
    expect(result.stdout).toContain(join(world.dir, 'out', week));
    expect(result.stdout).toMatch(/files only \(no report\.email or report\.webhook configured\)/);

    const files = [...snapshot(join(world.dir, 'out', week)).keys()].sort();
    expect(files).toEqual([
      'allocation.png',
      'allocation.svg',
      'pressure.png',
      'pressure.svg',
      'report.html',
      'report.json',
      'report.md',
      'trend.png',
      'trend.svg',
    ]);
    const report = reportSchema.parse(
      JSON.parse(readFileSync(join(world.dir, 'out', week, 'report.json'), 'utf8')),
    );
    expect(report.week).toBe(week);
    expect(report.allocation.length).toBeGreaterThan(0);
    expect(report.deliveredHours).toBeGreaterThan(0);
    const shares =
      report.allocation.reduce((s, r) => s + r.actual, 0) + report.runShare + report.unalignedShare;
    expect(shares).toBeCloseTo(1, 2);
  });

  it('renders a past week again byte for byte from the stored report', async () => {
    const out = join(world.dir, 'out', week);
    const first = snapshot(out);
    await rm(out, { recursive: true });
    const again = await bearing('report', '--week', week);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`report ${week}: rendered again from the stored report`);
    const second = snapshot(out);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [name, bytes] of first) expect(second.get(name)!.equals(bytes), name).toBe(true);
  });

  it('exits 2 naming the problem for a malformed week or one that is not over', async () => {
    const bad = await bearing('report', '--week', '2026-W99');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"2026-W99" is not a week of 2026');
    const current = await bearing('report', '--week', isoWeekOf(Date.now(), 'UTC'));
    expect(current.code).toBe(2);
    expect(current.stderr).toMatch(/is not over yet in UTC .*the last complete week is/);
  });

  it('keeps the files when delivery fails, and exits 1 saying where they are', async () => {
    const hook = createServer((_req, res) => res.writeHead(404).end('no such hook'));
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const config = join(world.dir, 'bearing.yaml');
    const original = readFileSync(config, 'utf8');
    const out = join(world.dir, 'failing-out');
    const yaml = parse(original) as { report: Record<string, unknown> };
    yaml.report = { out, webhook: { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` } };
    writeFileSync(config, stringify(yaml));
    try {
      const result = await bearing('report', '--week', week);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/webhook\s+FAILED after 1 attempt/);
      expect(result.stderr).toContain(
        `report ${week} is complete in ${join(out, week)}, but webhook delivery failed`,
      );
      expect(readdirSync(join(out, week))).toContain('report.html');
    } finally {
      writeFileSync(config, original);
      hook.close();
    }
  });
});
