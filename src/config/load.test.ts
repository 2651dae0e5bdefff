import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/index.js';
import { loadConfig } from './load.js';
import { DEFAULT_TOOLS_PATH } from './package.js';

const TOOLS = `
capabilities:
  - id: video-conferencing
    name: Video conferencing
    tools:
      - { name: Zoom, standard: true }
      - { name: Webex, aliases: [Cisco Webex] }
`;

const GOALS = `
period: 2026-Q4
goals:
  - id: digital-revenue
    name: Grow digital revenue
    sponsor: cfo@acme.example
    rank: 1
    target: 0.35
  - id: store-ops
    name: Modernise stores
    rank: 2
    target: 0.2
run:
  target: 0.3
`;

const JIRA = `
jira:
  url: https://acme.atlassian.net
  auth: { email: bot@acme.example, token: "\${JIRA_API_TOKEN}" }
  jql: project = SHOP
`;

const ENV = { JIRA_API_TOKEN: 'jira-secret-token' };

/** Writes a config directory and returns the bearing.yaml path. */
function configDir(bearing: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bearing-config-'));
  const all = { 'goals.yaml': GOALS, 'tools.yaml': TOOLS, ...files };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, 'bearing.yaml'), bearing);
  return join(dir, 'bearing.yaml');
}

const withTools = (yaml: string): string => `${yaml}\ntools: ./tools.yaml\n`;

async function problemsOf(path: string, env: Record<string, string> = ENV): Promise<string[]> {
  const error: unknown = await loadConfig(path, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return [...(error as ConfigError).issues];
}

describe('loadConfig', () => {
  it('fills every default and loads the goals and the tool catalog', async () => {
    const path = configDir(withTools(JIRA));
    const config = await loadConfig(path, ENV);

    expect(config.configPath).toBe(path);
    expect(config.schedule).toEqual({ sync: '*/15 * * * *', report: '0 8 * * MON', timezone: 'UTC' });
    expect(config.jira?.fields).toEqual({
      score: 'Alignment Score',
      goal: 'Business Goal',
      flags: 'Alignment Flags',
    });
    expect(config.jira?.rateLimit).toEqual({ perSecond: 10, concurrency: 4 });
    expect(config.jira?.timeoutMs).toBe(30_000);
    expect(config.jira?.tls).toEqual({ rejectUnauthorized: true });
    expect(config.effort).toEqual({
      hoursPerPoint: 4,
      defaultHours: { issue: 4, epic: 4, incident: 2, request: 1, change: 4, demand: 8, project: 40 },
    });
    expect(config.analysis.windowDays).toBe(28);
    expect(config.report.thresholds).toEqual({ green: 0.05, yellow: 0.15 });
    expect(config.writeback.enabled).toBe(true);
    expect(config.server).toEqual({ port: 9464, host: '0.0.0.0' });
    expect(config.logLevel).toBe('info');
    expect(config.executives.servicenow.vip).toBe(true);
    expect(config.goals.goals.map((g) => g.id)).toEqual(['digital-revenue', 'store-ops']);
    expect(config.tools.capabilities[0]?.tools.map((t) => t.name)).toEqual(['Zoom', 'Webex']);
  });

  it('fills ServiceNow defaults: all five tables, u_ columns, single writes', async () => {
    const config = await loadConfig(
      configDir(
        withTools(`
servicenow:
  url: https://acme.service-now.com
  auth: { user: bearing, password: "\${SN_PASSWORD}" }
`),
      ),
      { SN_PASSWORD: 'sn-secret-password' },
    );
    expect(config.servicenow?.tables).toEqual([
      'incident',
      'sc_req_item',
      'change_request',
      'pm_project',
      'dmn_demand',
    ]);
    expect(config.servicenow?.fields).toEqual({
      score: 'u_alignment_score',
      goal: 'u_business_goal',
      flags: 'u_alignment_flags',
    });
    expect(config.servicenow?.batch).toBe(false);
    expect(config.jira).toBeUndefined();
  });

  it('returns a frozen object', async () => {
    const config = await loadConfig(configDir(withTools(JIRA)), ENV);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.jira?.auth)).toBe(true);
    expect(Object.isFrozen(config.goals.goals[0])).toBe(true);
  });

  it('resolves relative paths against the config file, not the working directory', async () => {
    const path = configDir(
      `${JIRA}
store: sqlite:./state/bearing.db
goals: ./sub/goals.yaml
tools: ./catalog/tools.yaml
report: { out: ./reports }
`,
      { 'sub/goals.yaml': GOALS, 'catalog/tools.yaml': TOOLS },
    );
    const dir = join(path, '..');
    const config = await loadConfig(path, ENV);
    expect(config.store).toEqual({
      kind: 'sqlite',
      path: join(dir, 'state/bearing.db'),
      url: `sqlite:${join(dir, 'state/bearing.db')}`,
    });
    expect(config.goalsPath).toBe(join(dir, 'sub/goals.yaml'));
    expect(config.toolsPath).toBe(join(dir, 'catalog/tools.yaml'));
    expect(config.report.out).toBe(join(dir, 'reports'));
  });

  it('defaults the tool catalog to the one shipped in the package, wherever bearing runs', () => {
    expect(DEFAULT_TOOLS_PATH).toBe(join(import.meta.dirname, '../../config/tools.yaml'));
  });

  describe('environment variables', () => {
    it('substitutes ${NAME} inside strings after parsing', async () => {
      const config = await loadConfig(
        configDir(
          withTools(JIRA.replace('jql: project = SHOP', 'jql: "project = ${PROJECT} AND labels = x"')),
        ),
        { ...ENV, PROJECT: 'OPS' },
      );
      expect(config.jira?.auth).toEqual({
        type: 'basic',
        email: 'bot@acme.example',
        token: 'jira-secret-token',
      });
      expect(config.jira?.jql).toBe('project = OPS AND labels = x');
    });

    it('names the key path and the variable when a variable is missing', async () => {
      const problems = await problemsOf(configDir(withTools(JIRA)), {});
      expect(problems).toEqual([
        'bearing.yaml: jira.auth.token: environment variable JIRA_API_TOKEN is not set',
      ]);
    });

    it('reports every missing variable at once', async () => {
      const problems = await problemsOf(
        configDir(withTools(`${JIRA}report: { webhook: { url: "\${REPORT_WEBHOOK}" } }\n`)),
        {},
      );
      expect(problems).toEqual([
        'bearing.yaml: jira.auth.token: environment variable JIRA_API_TOKEN is not set',
        'bearing.yaml: report.webhook.url: environment variable REPORT_WEBHOOK is not set',
      ]);
    });

    it('keeps $${ as a literal ${', async () => {
      const config = await loadConfig(
        configDir(
          withTools(
            JIRA.replace('jql: project = SHOP', () => 'jql: "project = SHOP AND summary ~ \'$${x}\'"'),
          ),
        ),
        ENV,
      );
      expect(config.jira?.jql).toBe("project = SHOP AND summary ~ '${x}'");
    });

    it('refuses a malformed reference', async () => {
      const problems = await problemsOf(
        configDir(withTools(JIRA.replace('project = SHOP', '"project = ${1X}"'))),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^bearing\.yaml: jira\.jql: "\$\{1X\}" is not a valid variable reference/);
    });
  });

  describe('validation', () => {
    it('names an unknown key and suggests the closest known one', async () => {
      const problems = await problemsOf(
        configDir(withTools(JIRA.replace('auth:', 'auht:') + 'jira_extra: 1\nschedule: { timeZone: UTC }\n')),
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          'bearing.yaml: jira.auht: unknown key (did you mean "auth"?)',
          'bearing.yaml: jira.auth: is required',
          'bearing.yaml: jira_extra: unknown key',
          'bearing.yaml: schedule.timeZone: unknown key (did you mean "timezone"?)',
        ]),
      );
    });

    it('rejects a goal target above 1', async () => {
      const problems = await problemsOf(
        configDir(withTools(JIRA), { 'goals.yaml': GOALS.replace('0.2', '1.5') }),
      );
      expect(problems).toContain('goals.yaml: goals[1].target: must be between 0 and 1');
    });

    it('rejects targets that add up to more than 1', async () => {
      const problems = await problemsOf(
        configDir(withTools(JIRA), { 'goals.yaml': GOALS.replace('0.2', '0.45') }),
      );
      expect(problems).toEqual([
        'goals.yaml: goals: goal targets plus the run target add up to 1.10; they must not exceed 1',
      ]);
    });

    it('wants sponsors to be e-mail addresses', async () => {
      const problems = await problemsOf(
        configDir(withTools(JIRA), { 'goals.yaml': GOALS.replace('cfo@acme.example', 'the CFO') }),
      );
      expect(problems).toEqual(['goals.yaml: goals[0].sponsor: must be an e-mail address']);
    });

    it('lists the problems of all three files together', async () => {
      const problems = await problemsOf(
        configDir(`${JIRA}logLevel: loud\ntools: ./tools.yaml\n`, {
          'goals.yaml': GOALS.replace('cfo@acme.example', 'cfo'),
          'tools.yaml': TOOLS.replace('Cisco Webex', 'zoom'),
        }),
      );
      expect(problems.map((p) => p.split(':')[0])).toEqual(['bearing.yaml', 'goals.yaml', 'tools.yaml']);
      expect(problems[2]).toBe(
        'tools.yaml: capabilities[0].tools[1].aliases[0]: "zoom" is already a name of "Zoom" (video-conferencing)',
      );
    });

    it('accepts the three Jira auth shapes and refuses a mix', async () => {
      const auth = async (yaml: string) =>
        (
          await loadConfig(configDir(withTools(JIRA.replace(/auth: .*/, `auth: ${yaml}`))), {
            T: 'secret-value',
          })
        ).jira?.auth;
      expect(await auth('{ email: a@b.example, token: "${T}" }')).toEqual({
        type: 'basic',
        email: 'a@b.example',
        token: 'secret-value',
      });
      expect(await auth('{ bearer: "${T}" }')).toEqual({ type: 'bearer', bearer: 'secret-value' });

      const dc = JIRA.replace('https://acme.atlassian.net', 'https://jira.acme.example').replace(
        /auth: .*/,
        'auth: { pat: "${T}" }\n  deployment: datacenter',
      );
      expect((await loadConfig(configDir(withTools(dc)), { T: 'secret-value' })).jira?.auth).toEqual({
        type: 'pat',
        pat: 'secret-value',
      });

      const mixed = await problemsOf(
        configDir(withTools(JIRA.replace(/auth: .*/, 'auth: { pat: a, bearer: b }'))),
      );
      expect(mixed).toEqual([
        'bearing.yaml: jira.auth: give only one of { email, token } (Cloud API token), { pat } (Data Center) or { bearer } (OAuth 2.0)',
      ]);
      const half = await problemsOf(
        configDir(withTools(JIRA.replace(/auth: .*/, 'auth: { email: a@b.example }'))),
      );
      expect(half).toEqual(['bearing.yaml: jira.auth.token: is required with email']);
    });

    it('accepts both ServiceNow auth shapes', async () => {
      const sn = (auth: string) => `servicenow:\n  url: https://acme.service-now.com\n  auth: ${auth}\n`;
      const basic = await loadConfig(configDir(withTools(sn('{ user: bearing, password: "${P}" }'))), {
        P: 'pw-123',
      });
      expect(basic.servicenow?.auth).toEqual({ type: 'basic', user: 'bearing', password: 'pw-123' });
      const token = await loadConfig(configDir(withTools(sn('{ token: "${P}" }'))), { P: 'tok-123' });
      expect(token.servicenow?.auth).toEqual({ type: 'bearer', token: 'tok-123' });
      const both = await problemsOf(configDir(withTools(sn('{ user: u, password: p, token: t }'))));
      expect(both).toEqual([
        'bearing.yaml: servicenow.auth: give only one of { user, password } or { token }',
      ]);
    });

    it('accepts five- and six-field cron and refuses a bad one', async () => {
      const ok = await loadConfig(
        configDir(withTools(`${JIRA}schedule: { sync: "30 */5 * * * *", report: "0 7 * * 1" }\n`)),
        ENV,
      );
      expect(ok.schedule.sync).toBe('30 */5 * * * *');
      const problems = await problemsOf(configDir(withTools(`${JIRA}schedule: { sync: "*/15 * *" }\n`)));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^bearing\.yaml: schedule\.sync: "\*\/15 \* \*" is not a valid cron expression/,
      );
    });

    it('refuses a time zone that is not an IANA name', async () => {
      for (const zone of ['Mars/Olympus', '+01:00']) {
        const problems = await problemsOf(configDir(withTools(`${JIRA}schedule: { timezone: "${zone}" }\n`)));
        expect(problems).toEqual([
          `bearing.yaml: schedule.timezone: "${zone}" is not an IANA time zone; use a name like UTC, Europe/Berlin or America/New_York`,
        ]);
      }
      const ok = await loadConfig(
        configDir(withTools(`${JIRA}schedule: { timezone: Europe/Berlin }\n`)),
        ENV,
      );
      expect(ok.schedule.timezone).toBe('Europe/Berlin');
    });

    it('requires https for Jira Cloud and allows http for Data Center', async () => {
      const cloud = await problemsOf(
        configDir(
          withTools(
            JIRA.replace('https://acme.atlassian.net', 'http://jira.acme.example') + '  deployment: cloud\n',
          ),
        ),
      );
      expect(cloud).toEqual(['bearing.yaml: jira.url: must use https:// for Jira Cloud']);
      const oauth = await problemsOf(
        configDir(
          withTools(JIRA.replace('https://acme.atlassian.net', 'http://api.atlassian.com/ex/jira/c1d2')),
        ),
      );
      expect(oauth).toEqual(['bearing.yaml: jira.url: must use https:// for Jira Cloud']);

      const dc = JIRA.replace('https://acme.atlassian.net', 'http://jira.internal:8080/').concat(
        '  deployment: datacenter\n',
      );
      expect((await loadConfig(configDir(withTools(dc)), ENV)).jira?.url).toBe('http://jira.internal:8080');

      const ftp = await problemsOf(
        configDir(withTools(JIRA.replace('https://acme.atlassian.net', 'ftp://jira.example'))),
      );
      expect(ftp).toEqual(['bearing.yaml: jira.url: must start with https:// or http://, got "ftp:"']);
    });

    it('requires jira or servicenow', async () => {
      expect(await problemsOf(configDir(withTools('logLevel: info\n')))).toEqual([
        'bearing.yaml: configure at least one of jira or servicenow',
      ]);
    });

    it('refuses a ServiceNow table bearing does not read', async () => {
      const problems = await problemsOf(
        configDir(
          withTools(
            `servicenow:\n  url: https://acme.service-now.com\n  auth: { token: t0k3n }\n  tables: [incident, incidnet]\n`,
          ),
        ),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^bearing\.yaml: servicenow\.tables\[1\]: must be one of .*\(did you mean "incident"\?\)$/,
      );
    });

    it('checks that the executive title pattern compiles', async () => {
      const problems = await problemsOf(
        configDir(withTools(`${JIRA}executives: { servicenow: { titlePattern: "^(Chief" } }\n`)),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^bearing\.yaml: executives\.servicenow\.titlePattern: is not a valid regular expression/,
      );
    });
  });

  describe('files that cannot be read', () => {
    it('names the file and the line of a YAML syntax error', async () => {
      const problems = await problemsOf(configDir(withTools(`${JIRA}schedule: { sync: "* * * * *"\n`)));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^bearing\.yaml: line \d+, column \d+: /);
    });

    it('names a missing goals file with its full path', async () => {
      const path = configDir(withTools(`${JIRA}goals: ./missing.yaml\n`));
      const problems = await problemsOf(path);
      expect(problems).toEqual([
        `missing.yaml: cannot read ${join(path, '..', 'missing.yaml')}: no such file`,
      ]);
    });

    it('names a missing config file', async () => {
      const problems = await problemsOf(join(tmpdir(), 'no-such-dir-bearing', 'bearing.yaml'));
      expect(problems).toEqual([
        `bearing.yaml: cannot read ${join(tmpdir(), 'no-such-dir-bearing', 'bearing.yaml')}: no such file`,
      ]);
    });
  });

  describe('secrets', () => {
    it('collects credentials from the environment and the Base64 of Basic pairs', async () => {
      const config = await loadConfig(
        configDir(
          withTools(`${JIRA}
servicenow:
  url: https://acme.service-now.com
  auth: { user: bearing, password: "\${SN_PASSWORD}" }
store: "postgres://bearing:\${PG_PASSWORD}@db:5432/bearing"
report: { webhook: { url: "\${REPORT_WEBHOOK}" } }
`),
        ),
        {
          ...ENV,
          SN_PASSWORD: 'sn-secret-password',
          PG_PASSWORD: 'pg-secret',
          REPORT_WEBHOOK: 'https://hooks.example/T000/B000/XXXX',
        },
      );
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      expect(config.secrets).toEqual(
        expect.arrayContaining([
          'jira-secret-token',
          b64('bot@acme.example:jira-secret-token'),
          'sn-secret-password',
          b64('bearing:sn-secret-password'),
          'pg-secret',
          'https://hooks.example/T000/B000/XXXX',
        ]),
      );
      expect(config.secrets).not.toContain('bot@acme.example');
      expect(config.secrets).not.toContain('bearing');
    });
  });
});

describe('the shipped examples', () => {
  it('validate with the documented environment variables', async () => {
    const config = await loadConfig(join(import.meta.dirname, '../../config/bearing.yaml'), {
      JIRA_API_TOKEN: 'example-token',
      SN_PASSWORD: 'example-password',
      REPORT_WEBHOOK: 'https://hooks.example/bearing',
    });
    expect(config.goals.goals.length).toBeGreaterThanOrEqual(5);
    expect(config.jira?.deployment).toBe('cloud');
    expect(config.servicenow?.tables).toHaveLength(5);
    expect(config.toolsPath).toBe(DEFAULT_TOOLS_PATH);
  });
});
