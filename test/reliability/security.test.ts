import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.js';
import { createConnectors } from '../../src/app/connectors.js';
import { systemClock } from '../../src/core/time.js';
import { generateCompany, type Company } from '../../src/sandbox/company/index.js';
import { sleep } from '../../src/sandbox/http/index.js';
import { runCli, startWorld, type CliRun, type World } from './harness.js';

// A full cycle, a failing cycle, the weekly report with e-mail and webhook delivery that fail, and
// the service's /metrics, all with distinctive secrets: none of them may show in any output.
const SECRETS = {
  jira: 'SECRET-jira-7f3a91c2e4',
  sn: 'SECRET-sn-4b1d8e07aa',
  smtp: 'SECRET-smtp-9e2c5d11bf',
  webhook: 'SECRET-webhook-5a7f3b60cd',
};
const ROOT = new URL('../../', import.meta.url).pathname;

/** Every form a secret could leak in: as is, URL-encoded, and inside a Basic header. */
function leakForms(world: World): Map<string, string> {
  const forms = new Map<string, string>();
  for (const [name, secret] of Object.entries(SECRETS)) {
    forms.set(secret, name);
    forms.set(encodeURIComponent(secret), `${name} (URL-encoded)`);
  }
  const basic = (user: string, secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');
  forms.set(basic(world.sandbox.jira.auth.email, SECRETS.jira), 'jira (Basic header)');
  forms.set(basic(world.sandbox.servicenow.auth.user, SECRETS.sn), 'servicenow (Basic header)');
  forms.set(basic('bearing', SECRETS.smtp), 'smtp (AUTH PLAIN)');
  return forms;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let company: Company;
let world: World;
const outputs: { what: string; text: string }[] = [];
const record = (what: string, run: CliRun): CliRun => {
  outputs.push({ what: `${what} stdout`, text: run.stdout }, { what: `${what} stderr`, text: run.stderr });
  return run;
};

beforeAll(async () => {
  company = generateCompany({ seed: 5, size: 100, now: Date.now() - 60_000 });
  const [closed, serverPort] = [await freePort(), await freePort()];
  world = await startWorld({
    company,
    logLevel: 'debug',
    serverPort,
    sandbox: { servicenow: { auth: { basic: [{ user: 'bearing', password: SECRETS.sn }] } } },
    secrets: {
      jiraToken: SECRETS.jira,
      snPassword: SECRETS.sn,
      report: {
        email: { smtp: '${SMTP_URL}', from: 'bearing@acme.example', to: ['cio@acme.example'] },
        webhook: { url: '${REPORT_WEBHOOK}' },
      },
      env: {
        // Nothing listens on these: delivery fails, and its errors must not carry the secrets either.
        SMTP_URL: `smtp://bearing:${SECRETS.smtp}@127.0.0.1:${closed}`,
        REPORT_WEBHOOK: `http://127.0.0.1:${closed}/hooks/${SECRETS.webhook}`,
      },
    },
  });
  const account = world.sandbox.jira.state.accounts[0];
  if (account) account.apiToken = SECRETS.jira;

  expect(record('setup', await runCli(world, ['setup'])).code).toBe(0);
  expect(record('run --once', await runCli(world, ['run', '--once'])).code).toBe(0);
  record('report', await runCli(world, ['report']));
  record('check', await runCli(world, ['check']));
  record('explain', await runCli(world, ['explain', company.jiraProjects[0]?.key ?? 'X']));
  // Credentials revoked mid-run: the error paths log too.
  for (const system of ['jira', 'servicenow'] as const) {
    world.setFaults(system, [{ knobs: { errorRate: 1, errorStatuses: [401], afterRequests: 4 } }]);
  }
  expect(record('run --once refused', await runCli(world, ['run', '--once'])).code).toBe(1);
  world.clearFaults();

  // The service: its /metrics after a cycle's worth of calls.
  let metrics = '';
  await runCli(world, ['run'], {
    onStart: (child) => {
      void (async () => {
        for (let i = 0; i < 100 && metrics === ''; i++) {
          await sleep(200);
          const res = await fetch(`http://127.0.0.1:${serverPort}/metrics`).catch(() => undefined);
          if (res?.ok) metrics = await res.text();
        }
        child.kill('SIGTERM');
      })();
    },
  }).then((run) => record('run (service)', run));
  outputs.push({ what: '/metrics', text: metrics });
  expect(metrics).toMatch(/# HELP/);

  for (const file of [...filesUnder(world.dir)].filter((f) => !f.endsWith('bearing.yaml'))) {
    outputs.push({ what: file.slice(world.dir.length + 1), text: readFileSync(file).toString('latin1') });
  }
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('no credential in any output', () => {
  it('shows no secret in logs, errors, metrics, the store or the report files', () => {
    const forms = leakForms(world);
    const leaks = outputs.flatMap(({ what, text }) =>
      [...forms].filter(([form]) => text.includes(form)).map(([, name]) => `${name} in ${what}`),
    );
    expect(outputs.map((o) => o.what)).toEqual(
      expect.arrayContaining(['run --once stdout', '/metrics', 'bearing.db']),
    );
    expect(leaks).toEqual([]);
  });

  it('logged the failures it had to report (so the check above saw error paths)', () => {
    const refused = outputs.find((o) => o.what === 'run --once refused stderr')?.text ?? '';
    const refusedOut = outputs.find((o) => o.what === 'run --once refused stdout')?.text ?? '';
    expect(`${refused}\n${refusedOut}`).toMatch(/401|credential|auth/i);
  });
});

describe('TLS and URLs', () => {
  const write = (config: Record<string, unknown>): string => {
    const path = join(world.dir, `tls-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, stringify({ goals: './goals.yaml', ...config }));
    return path;
  };
  const jira = (over: Record<string, unknown> = {}) => ({
    url: 'https://acme.atlassian.net',
    auth: { email: 'bot@acme.example', token: 'x' },
    jql: 'project = OPS',
    ...over,
  });

  it('verifies certificates unless a setting says otherwise, and says so loudly when it is off', async () => {
    const on = await loadConfig(write({ jira: jira() }), {});
    expect(on.jira?.tls.rejectUnauthorized).toBe(true);
    const off = await loadConfig(write({ jira: jira({ tls: { rejectUnauthorized: false } }) }), {});
    expect(off.jira?.tls.rejectUnauthorized).toBe(false);
    const warnings: string[] = [];
    const log = {
      warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')),
      child: () => log,
    };
    const logger = { ...log, info: () => undefined, debug: () => undefined, error: () => undefined };
    createConnectors(off, {
      log: logger as never,
      clock: systemClock,
      signal: new AbortController().signal,
    });
    expect(warnings.join('\n')).toMatch(/TLS certificate verification is OFF for jira/);
  });

  it('accepts only http(s) URLs, and https for Jira Cloud', async () => {
    for (const url of [
      'ftp://acme.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://acme.atlassian.net',
    ]) {
      await expect(loadConfig(write({ jira: jira({ url }) }), {}), url).rejects.toThrow(/jira\.url/);
    }
    await expect(
      loadConfig(write({ jira: jira({ url: 'http://jira.internal', deployment: 'cloud' }) }), {}),
    ).rejects.toThrow(/https/);
  });
});

describe('the container and the dependencies', () => {
  it('runs the container as a non-root user', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const finalStage = dockerfile.split(/^FROM /m).at(-1) ?? '';
    const users = [...finalStage.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
  });
});
