/**
 * The composition root: the only place that wires concrete implementations together
 * (config → logger → store → connectors → pipeline → scheduler/server). The CLI calls the use
 * cases exported here and does nothing else.
 */
import { loadConfig, type Config } from './config/index.js';
import { createLogger, messageOf, systemClock, type Logger } from './core/index.js';
import { createConnectors } from './app/connectors.js';

export { packageVersion } from './config/index.js';
export { runStages, setupSystems, explainKey } from './app/commands.js';
export type { CycleResult, Stage } from './app/cycle.js';
export { runDemo, type DemoResult, type DemoOptions } from './app/demo.js';
export { reportWeek, generateReport, type ReportResult } from './app/report.js';

/** What every command starts from: the validated configuration and a logger that masks its secrets. */
export interface Runtime {
  config: Config;
  log: Logger;
}

export async function openRuntime(configPath: string): Promise<Runtime> {
  const config = await loadConfig(configPath);
  const log = createLogger({ level: config.logLevel, secrets: config.secrets });
  return { config, log };
}

export interface CheckSummary {
  configPath: string;
  goals: { path: string; period: string; count: number; goalTargets: number; runTarget: number };
  tools: { path: string; capabilities: number; tools: number; standards: number };
  jira?: { url: string; deployment: 'cloud' | 'datacenter' | 'detected'; auth: string };
  servicenow?: { url: string; tables: readonly string[]; auth: string; batch: boolean };
  /** The store, with any password removed. */
  store: string;
  writeback: boolean;
}

const JIRA_AUTH = { basic: 'API token', pat: 'personal access token', bearer: 'OAuth 2.0 token' } as const;
const SERVICENOW_AUTH = { basic: 'basic auth', bearer: 'OAuth 2.0 token' } as const;

/** `bearing check`: loads and validates bearing.yaml, the goals and the tool catalog. */
export async function checkConfiguration(configPath: string): Promise<CheckSummary> {
  const { config, log } = await openRuntime(configPath);
  const { goals, tools, jira, servicenow } = config;
  const summary: CheckSummary = {
    configPath: config.configPath,
    goals: {
      path: config.goalsPath,
      period: goals.period,
      count: goals.goals.length,
      goalTargets: goals.goals.reduce((sum, g) => sum + g.target, 0),
      runTarget: goals.run.target,
    },
    tools: {
      path: config.toolsPath,
      capabilities: tools.capabilities.length,
      tools: tools.capabilities.reduce((sum, c) => sum + c.tools.length, 0),
      standards: tools.capabilities.filter((c) => c.tools.some((t) => t.standard === true)).length,
    },
    jira: jira && {
      url: jira.url,
      deployment: jira.deployment ?? 'detected',
      auth: JIRA_AUTH[jira.auth.type],
    },
    servicenow: servicenow && {
      url: servicenow.url,
      tables: servicenow.tables,
      auth: SERVICENOW_AUTH[servicenow.auth.type],
      batch: servicenow.batch,
    },
    store: config.store.kind === 'sqlite' ? `sqlite ${config.store.path}` : withoutPassword(config.store.url),
    writeback: config.writeback.enabled,
  };
  log.debug({ summary }, 'configuration is valid');
  return summary;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/** How long `bearing check` waits for a service before calling it unreachable. */
const REACH_TIMEOUT_MS = 30_000;

export interface ReachResult {
  system: string;
  ok: boolean;
  /** Who bearing is signed in as and where, or what went wrong and what to fix. */
  line: string;
}

/**
 * `bearing check` without `--offline`: signs in to every configured service with the configured
 * credentials (Jira: who am I and the server's time zone; ServiceNow: the service account's user),
 * through the same connectors, rate limits and retries a cycle uses. Writes nothing.
 */
export async function reachServices(configPath: string): Promise<ReachResult[]> {
  const { config, log } = await openRuntime(configPath);
  const signal = AbortSignal.timeout(REACH_TIMEOUT_MS);
  const connectors = createConnectors(config, { log, clock: systemClock, signal });
  return Promise.all(
    connectors.map(async (connector) => {
      try {
        return { system: connector.system, ok: true, line: await connector.check(signal) };
      } catch (error) {
        const reason = signal.aborted
          ? `no answer within ${REACH_TIMEOUT_MS / 1000} s: check the URL and that this host can reach it`
          : messageOf(error);
        return { system: connector.system, ok: false, line: `${connector.system}: ${reason}` };
      }
    }),
  );
}
