import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxConfig } from '../../src/app/demo.js';
import { generateCompany } from '../../src/sandbox/company/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { bearingAsync } from './cli-async.js';

// The commands an admin types, run as the built CLI against the sandbox's loopback servers.
let sandbox: Sandbox;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  const company = generateCompany({ seed: 3, size: 200, now: Date.now() - 60_000 });
  sandbox = await startSandbox({ people: company.people, tickets: company.tickets });
  dir = mkdtempSync(join(tmpdir(), 'bearing-cli-'));
  await sandboxConfig(sandbox, company, dir, { out: join(dir, 'out') });
  env = {
    PATH: process.env.PATH ?? '',
    DEMO_JIRA_TOKEN: sandbox.jira.auth.token,
    DEMO_SN_PASSWORD: sandbox.servicenow.auth.password,
  };
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const bearing = (...args: string[]) => bearingWith(env, ...args);
const bearingWith = (environment: Record<string, string>, ...args: string[]) =>
  bearingAsync(join(dir, 'bearing.yaml'), environment, args, 60_000);

describe('the bearing command line against the sandbox', () => {
  it('runs without set-up only once the fields exist, then set-up creates them', async () => {
    const first = await bearing('run', '--once');
    expect(first.status).toBe(1);
    expect(first.err).toMatch(/bearing setup/);
    const setup = await bearing('setup');
    expect(setup.status, setup.err).toBe(0);
    expect(setup.out).toMatch(/Alignment Score/);
  });

  it('runs one cycle with --once and exits 0 with a summary', async () => {
    const run = await bearing('run', '--once');
    expect(run.status, run.err).toBe(0);
    expect(run.out).toMatch(
      /synced \d+ items in \d+ scopes \(0 quarantined\); analysed 200 items; wrote \d+ items \(0 failed/,
    );
  });

  it('explains an item in plain lines', async () => {
    const key = sandbox.jira.state.writes[0]?.key;
    expect(key).toBeDefined();
    const explain = await bearing('explain', String(key));
    expect(explain.status, explain.err).toBe(0);
    expect(explain.out).toContain(String(key));
    expect(explain.out.toLowerCase()).toMatch(/goal/);
    expect(explain.out.toLowerCase()).toMatch(/score/);
  });

  it('plans nothing in a dry run right after a cycle, and names a missing item with exit 1', async () => {
    const dry = await bearing('writeback', '--dry-run');
    expect(dry.status, dry.err).toBe(0);
    expect(dry.out).toMatch(/wrote 0 items/);
    const missing = await bearing('explain', 'NOPE-1');
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/no item NOPE-1/);
  });
});

describe('bearing check against the sandbox', () => {
  it('signs in to Jira and ServiceNow and says as whom', async () => {
    const check = await bearing('check');
    expect(check.status, check.err).toBe(0);
    expect(check.out).toContain('Configuration is valid');
    expect(check.out).toMatch(/ok\s+jira: signed in as .+ on Jira Cloud/);
    expect(check.out).toMatch(/ok\s+ServiceNow http:\/\/127\.0\.0\.1:\d+: signed in as /);
  });

  it('exits 1 naming the service that refused the credentials, and never prints them', async () => {
    const wrong = 'wrong-token-4c1d9e';
    const check = await bearingWith({ ...env, DEMO_JIRA_TOKEN: wrong }, 'check');
    expect(check.status).toBe(1);
    expect(check.out).toMatch(/FAILED\s+jira: /);
    expect(check.out).toMatch(/ok\s+ServiceNow/);
    expect(check.err).toMatch(/could not sign in to jira/);
    expect(check.out + check.err).not.toContain(wrong);
  });

  it('only validates the files with --offline', async () => {
    const check = await bearingWith({ ...env, DEMO_JIRA_TOKEN: 'wrong' }, 'check', '--offline');
    expect(check.status, check.err).toBe(0);
    expect(check.out).not.toContain('Services:');
  });
});
