import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig, type Config } from '../config/index.js';
import { createLogger, type Logger } from '../core/log.js';
import { newRunId } from '../core/ids.js';
import { systemClock } from '../core/time.js';
import { generateCompany, DEFAULT_SIZE, type Company } from '../sandbox/company/index.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { openStore } from '../store/index.js';
import { createConnectors } from './connectors.js';
import { runCycle, type CycleResult } from './cycle.js';
import { generateReport, type ReportResult } from './report.js';

const DEMO_RATE = { perSecond: 500, concurrency: 8 };

export interface DemoOptions {
  /** Where the report goes (`./out` by default, relative to the working directory). */
  out: string;
  size?: number;
  seed?: number;
  /** pino level for the worker's own log lines (the demo prints its summary itself). */
  logLevel?: 'warn' | 'info' | 'debug' | 'silent';
}

export interface DemoResult {
  cycle: CycleResult;
  tickets: { jira: number; servicenow: number };
  pulled: { jira: number; servicenow: number };
  setup: string[];
  /** The report of the last complete week, written to `out`; null when the cycle analysed nothing. */
  report: ReportResult | null;
  seconds: number;
  out: string;
  configDir: string;
}

/**
 * `bearing demo`: a generated company in fake Jira and fake ServiceNow on loopback, a config
 * pointing at them, field set-up, one full cycle, and the weekly report of the last complete week
 * written to `out`. Nothing is left running afterwards.
 */
export async function runDemo(options: DemoOptions, log?: Logger): Promise<DemoResult> {
  const started = performance.now();
  const now = systemClock.now();
  // The company's last edits lie a minute back, outside the connectors' settle window, so one
  // cycle pulls every ticket.
  const company = generateCompany({
    seed: options.seed ?? 1,
    size: options.size ?? DEFAULT_SIZE,
    now: now - 60_000,
  });
  const tickets = { jira: 0, servicenow: 0 };
  for (const t of company.tickets) tickets[t.system]++;
  const sandbox = await startSandbox({ people: company.people, tickets: company.tickets });
  const dir = await mkdtemp(join(tmpdir(), 'bearing-demo-'));
  const out = resolve(options.out);
  const controller = new AbortController();
  try {
    const config = await sandboxConfig(sandbox, company, dir, { out, logLevel: options.logLevel ?? 'warn' });
    const logger = log ?? createLogger({ level: config.logLevel, secrets: config.secrets });
    const store = await openStore(config.store.url, { log: logger });
    try {
      await store.migrate();
      const connectors = createConnectors(config, {
        log: logger,
        clock: systemClock,
        signal: controller.signal,
      });
      const setup: string[] = [];
      for (const connector of connectors) setup.push(...(await connector.setup(controller.signal)).lines);
      const cycle = await runCycle({
        config,
        store,
        connectors,
        log: logger,
        clock: systemClock,
        runId: newRunId(now),
        signal: controller.signal,
        stages: ['sync', 'analyze', 'writeback'],
      });
      const pulled = { jira: 0, servicenow: 0 };
      for (const s of cycle.sync ?? []) pulled[s.system as 'jira' | 'servicenow'] += s.items;
      const report = cycle.analyze
        ? await generateReport({ config, log: logger, store, signal: controller.signal })
        : null;
      return {
        cycle,
        tickets,
        pulled,
        setup,
        report,
        seconds: (performance.now() - started) / 1000,
        out,
        configDir: dir,
      };
    } finally {
      await store.close();
    }
  } finally {
    controller.abort();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Writes a bearing.yaml and goals.yaml for a running sandbox into `dir` and loads them, the way an
 * admin's files are loaded (credentials from the environment, here a private one).
 */
export async function sandboxConfig(
  sandbox: Sandbox,
  company: Company,
  dir: string,
  options: { out: string; logLevel?: string; writeback?: boolean },
): Promise<Config> {
  await writeFile(join(dir, 'goals.yaml'), stringify(company.goals));
  await writeFile(
    join(dir, 'bearing.yaml'),
    stringify({
      store: 'sqlite:./bearing.db',
      schedule: { timezone: 'UTC' },
      jira: {
        url: sandbox.jira.url,
        auth: { email: sandbox.jira.auth.email, token: '${DEMO_JIRA_TOKEN}' },
        jql: `project in (${company.jiraProjects.map((p) => p.key).join(', ')})`,
        // The fakes run on this machine with no rate limit of their own.
        rateLimit: DEMO_RATE,
      },
      servicenow: {
        url: sandbox.servicenow.url,
        auth: { user: sandbox.servicenow.auth.user, password: '${DEMO_SN_PASSWORD}' },
        rateLimit: DEMO_RATE,
      },
      goals: './goals.yaml',
      executives: company.executives,
      writeback: { enabled: options.writeback ?? true },
      report: { out: options.out },
      logLevel: options.logLevel ?? 'warn',
    }),
  );
  return loadConfig(join(dir, 'bearing.yaml'), {
    DEMO_JIRA_TOKEN: sandbox.jira.auth.token,
    DEMO_SN_PASSWORD: sandbox.servicenow.auth.password,
  });
}
