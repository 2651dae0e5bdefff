import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearing as bearingIn, startWorld, testCompany, type World } from '../service/fixtures/world.js';

// The commands an admin types, run as the built CLI against the sandbox's loopback servers.
let world: World;

beforeAll(async () => {
  world = await startWorld({ company: testCompany({ seed: 3 }), setup: false });
});
afterAll(async () => {
  await world?.close();
});

const bearing = (...args: string[]) => bearingIn(world, ...args);
const bearingWith = (env: Record<string, string>, ...args: string[]) => bearingIn({ ...world, env }, ...args);

describe('the bearing command line against the sandbox', () => {
  it('runs without set-up only once the fields exist, then set-up creates them', async () => {
    const first = await bearing('run', '--once');
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/bearing setup/);
    const setup = await bearing('setup');
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).toMatch(/Alignment Score/);
  });

  it('runs one cycle with --once and exits 0 with a summary', async () => {
    const run = await bearing('run', '--once');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /synced \d+ items in \d+ scopes \(0 quarantined\); analysed 200 items; wrote \d+ items \(0 failed/,
    );
  });

  it('explains an item in plain lines', async () => {
    const key = world.sandbox.jira.state.writes[0]?.key;
    expect(key).toBeDefined();
    const explain = await bearing('explain', String(key));
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toContain(String(key));
    expect(explain.stdout.toLowerCase()).toMatch(/goal/);
    expect(explain.stdout.toLowerCase()).toMatch(/score/);
  });

  it('plans nothing in a dry run right after a cycle, and names a missing item with exit 1', async () => {
    const dry = await bearing('writeback', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/wrote 0 items/);
    const missing = await bearing('explain', 'NOPE-1');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no item NOPE-1/);
  });
});

describe('bearing check against the sandbox', () => {
  it('signs in to Jira and ServiceNow and says as whom', async () => {
    const check = await bearing('check');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('Configuration is valid');
    expect(check.stdout).toMatch(/ok\s+jira: signed in as .+ on Jira Cloud/);
    expect(check.stdout).toMatch(/ok\s+ServiceNow http:\/\/127\.0\.0\.1:\d+: signed in as /);
  });

  it('exits 1 naming the service that refused the credentials, and never prints them', async () => {
    const wrong = 'wrong-token-4c1d9e';
    const check = await bearingWith({ ...world.env, DEMO_JIRA_TOKEN: wrong }, 'check');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/FAILED\s+jira: /);
    expect(check.stdout).toMatch(/ok\s+ServiceNow/);
    expect(check.stderr).toMatch(/could not sign in to jira/);
    expect(check.stdout + check.stderr).not.toContain(wrong);
  });

  it('only validates the files with --offline', async () => {
    const check = await bearingWith({ ...world.env, DEMO_JIRA_TOKEN: 'wrong' }, 'check', '--offline');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).not.toContain('Services:');
  });
});
