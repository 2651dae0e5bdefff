import { BearingError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/log.js';
import { newRunId } from '../core/ids.js';
import { systemClock } from '../core/time.js';
import { loadConfig, type Config } from '../config/index.js';
import type { Connector } from '../connectors/connector.js';
import type { CallRecord } from '../connectors/http/index.js';
import type { LaneOptions, RateGate } from '../core/lane.js';
import { explainItem } from '../analysis/explain/index.js';
import { openStore, type Store } from '../store/index.js';
import { createConnectors } from './connectors.js';
import { ANALYSIS_RUN, runCycle, type CycleResult, type Stage } from './cycle.js';
import { observeCycle } from './observe.js';

/** Everything a worker command needs, opened from one config file and closed together. */
export interface Session {
  config: Config;
  log: Logger;
  store: Store;
  connectors: Connector[];
  signal: AbortSignal;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Told of every HTTP attempt against Jira and ServiceNow (metrics). */
  onCall?: (call: CallRecord) => void;
  /** Rates shared with other replicas (`bearing run` on PostgreSQL); closed with the session. */
  shareRates?: (config: Config, log: Logger) => Promise<SharedRateSource | undefined>;
}

export interface SharedRateSource {
  gate(site: string, rate: LaneOptions): RateGate;
  close(): Promise<void>;
}

export async function openSession(configPath: string, options: SessionOptions = {}): Promise<Session> {
  const config = await loadConfig(configPath);
  const log = createLogger({ level: config.logLevel, secrets: config.secrets });
  const store = await openStore(config.store.url, { log });
  await store.migrate();
  const rates = await options.shareRates?.(config, log);
  const controller = new AbortController();
  const connectors = createConnectors(config, {
    log,
    clock: systemClock,
    signal: controller.signal,
    ...(options.onCall ? { onCall: options.onCall } : {}),
    ...(rates ? { sharedRate: (site: string, rate: LaneOptions) => rates.gate(site, rate) } : {}),
  });
  return {
    config,
    log,
    store,
    connectors,
    signal: controller.signal,
    close: async () => {
      controller.abort();
      await store.close();
      await rates?.close();
    },
  };
}

/** `bearing sync | analyze | writeback [--dry-run]`: the named stages, in order. */
export async function runStages(
  configPath: string,
  stages: Stage[],
  options: { dryRun?: boolean; tty?: NodeJS.WritableStream | undefined } = {},
): Promise<CycleResult> {
  const session = await openSession(configPath);
  const observer = observeCycle({ log: session.log, tty: options.tty });
  try {
    return await runCycle({
      config: session.config,
      store: session.store,
      connectors: session.connectors,
      log: session.log,
      clock: systemClock,
      runId: newRunId(systemClock.now()),
      signal: session.signal,
      stages,
      dryRun: options.dryRun ?? false,
      onPage: observer.onPage,
      onScored: observer.onScored,
    });
  } finally {
    observer.finish();
    await session.close();
  }
}

/** `bearing setup`: finds or creates the Jira fields, checks the ServiceNow columns. */
export async function setupSystems(configPath: string): Promise<{ lines: string[]; ready: boolean }> {
  const session = await openSession(configPath);
  try {
    const lines: string[] = [];
    let ready = true;
    for (const connector of session.connectors) {
      const report = await connector.setup(session.signal);
      lines.push(`${connector.system}:`, ...report.lines.map((l) => `  ${l}`));
      ready &&= report.ready;
    }
    return { lines, ready };
  } finally {
    await session.close();
  }
}

/** `bearing explain KEY`: the goal, score and flags of the newest analysis, in plain lines. */
export async function explainKey(configPath: string, key: string): Promise<string[]> {
  const session = await openSession(configPath);
  try {
    const ref = /^(INC|RITM|CHG|PRJ|DMND)\d+$/i.test(key) ? `SN:${key.toUpperCase()}` : key.toUpperCase();
    const item = (await session.store.getItemByRef(ref)) ?? (await session.store.getItemByRef(key));
    if (!item) throw new BearingError('notFound', `no item ${key} in the store: run \`bearing sync\` first`);
    const run = await session.store.lastRun(ANALYSIS_RUN, 'succeeded');
    const tag = run && (await session.store.getTag(run.id, item.uid));
    const score = run && (await session.store.getScore(run.id, item.uid));
    if (!tag || !score)
      throw new BearingError('notFound', `${key} has not been analysed yet: run \`bearing analyze\``);
    const names = new Map(session.config.goals.goals.map((g) => [g.id, g.name]));
    return explainItem(item, tag, score, names);
  } finally {
    await session.close();
  }
}
