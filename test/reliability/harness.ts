/**
 * The reliability harness: a seeded company in the sandbox's fake Jira and ServiceNow, a config
 * pointing at them, cycles run in this process or as the built CLI, and a canonical snapshot of
 * what bearing stored and what the fakes hold, so a run that saw faults or crashes can be compared
 * with one that never did.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createConnectors } from '../../src/app/connectors.js';
import { runCycle, type CycleResult, type Stage } from '../../src/app/cycle.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { messageOf } from '../../src/core/errors.js';
import { silentLogger, type Logger } from '../../src/core/log.js';
import { systemClock, type Clock } from '../../src/core/time.js';
import { DEFAULT_SETTLE_MS } from '../../src/connectors/servicenow/index.js';
import { contentHash } from '../../src/model/index.js';
import type { Company } from '../../src/sandbox/company/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { sleep, type FaultRule } from '../../src/sandbox/http/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export type System = 'jira' | 'servicenow';
const SETUP_TIMEOUT_MS = 30_000;
export const SYSTEMS: readonly System[] = ['jira', 'servicenow'];

/** Credentials a world's config takes from its environment. */
export interface WorldSecrets {
  jiraToken: string;
  snPassword: string;
  /** Extra config under `report` (e-mail, webhook) whose secrets must never show. */
  report?: Record<string, unknown>;
  /** More environment for `${…}` names in `report`. */
  env?: Record<string, string>;
}

export interface WorldOptions {
  company: Company;
  faultSeed?: number;
  /** Per-request timeout; short, so hung requests cost little. @default 1500 */
  timeoutMs?: number;
  logLevel?: string;
  secrets?: WorldSecrets;
  /** Port of /healthz, /readyz and /metrics. @default 0 (any free one) */
  serverPort?: number;
  /** Fake options beyond the company (accounts, auth). */
  sandbox?: Pick<SandboxOptions, 'jira' | 'servicenow'>;
  /** Write to ServiceNow through the Batch API. @default false */
  serviceNowBatch?: boolean;
}

/** One fake site pair with its own store directory and config, as an admin would deploy it. */
export interface World {
  company: Company;
  sandbox: Sandbox;
  dir: string;
  configPath: string;
  /** The environment the config's `${…}` names come from. */
  env: Record<string, string>;
  config: Config;
  setFaults(system: System, rules: FaultRule[], seed?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const { company } = options;
  const sandbox = await startSandbox({
    people: company.people,
    tickets: company.tickets,
    faultSeed: options.faultSeed ?? 1,
    ...options.sandbox,
  });
  const dir = await mkdtemp(join(tmpdir(), 'bearing-reliability-'));
  const env = {
    RELIABILITY_JIRA_TOKEN: options.secrets?.jiraToken ?? sandbox.jira.auth.token,
    RELIABILITY_SN_PASSWORD: options.secrets?.snPassword ?? sandbox.servicenow.auth.password,
    ...options.secrets?.env,
  };
  const timeoutMs = options.timeoutMs ?? 1500;
  // The fakes run on this machine with no rate limit of their own unless a fault sets one.
  const rateLimit = { perSecond: 500, concurrency: 8 };
  await writeFile(join(dir, 'goals.yaml'), stringify(company.goals));
  const configPath = join(dir, 'bearing.yaml');
  await writeFile(
    configPath,
    stringify({
      store: 'sqlite:./bearing.db',
      schedule: { timezone: 'UTC' },
      jira: {
        url: sandbox.jira.url,
        auth: { email: sandbox.jira.auth.email, token: '${RELIABILITY_JIRA_TOKEN}' },
        jql: `project in (${company.jiraProjects.map((p) => p.key).join(', ')})`,
        rateLimit,
        timeoutMs,
      },
      servicenow: {
        url: sandbox.servicenow.url,
        auth: { user: sandbox.servicenow.auth.user, password: '${RELIABILITY_SN_PASSWORD}' },
        rateLimit,
        timeoutMs,
        ...(options.serviceNowBatch ? { batch: true } : {}),
      },
      goals: './goals.yaml',
      executives: company.executives,
      report: { out: './out', ...options.secrets?.report },
      server: { port: options.serverPort ?? 0, host: '127.0.0.1' },
      logLevel: options.logLevel ?? 'warn',
    }),
  );
  const config = await loadConfig(configPath, env);
  const injectorOf = (system: System) => sandbox[system].injector;
  return {
    company,
    sandbox,
    dir,
    configPath,
    env,
    config,
    setFaults: (system, rules, seed) => injectorOf(system).setFaults(rules, seed),
    clearFaults: () => SYSTEMS.forEach((s) => injectorOf(s).setFaults([])),
    close: async () => {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `bearing setup` in this process: finds or creates the fields bearing writes. It runs once, before
 * anything is tested, so it waits for answers however short the world's timeout.
 */
export async function setupFields(world: World): Promise<void> {
  const controller = new AbortController();
  const { jira, servicenow } = world.config;
  const config: Config = {
    ...world.config,
    ...(jira ? { jira: { ...jira, timeoutMs: SETUP_TIMEOUT_MS } } : {}),
    ...(servicenow ? { servicenow: { ...servicenow, timeoutMs: SETUP_TIMEOUT_MS } } : {}),
  };
  const connectors = createConnectors(config, {
    log: silentLogger(),
    clock: systemClock,
    signal: controller.signal,
  });
  try {
    for (const c of connectors) {
      const setup = await c.setup(controller.signal);
      if (!setup.ready) throw new Error(`set-up of ${c.system} is not ready: ${setup.lines.join('; ')}`);
    }
  } finally {
    controller.abort();
  }
}

let runs = 0;

/**
 * One sync → analyze → write-back cycle in this process, with connectors and a store opened as a
 * fresh worker would. `wrapStore` lets a test put a failing store in the way; `clock` and `stages`
 * run some of the stages as at another time. A cycle that throws is
 * returned as its message: a failed cycle is an outcome, not an error of the test.
 */
export async function runInProcess(
  world: World,
  options: { wrapStore?: (store: Store) => Store; log?: Logger; clock?: Clock; stages?: Stage[] } = {},
): Promise<CycleResult | string> {
  const clock = options.clock ?? systemClock;
  const controller = new AbortController();
  const opened = await openStore(world.config.store.url);
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  try {
    await opened.migrate();
    const log = options.log ?? silentLogger();
    return await runCycle({
      config: world.config,
      store,
      connectors: createConnectors(world.config, { log, clock, signal: controller.signal }),
      log,
      clock,
      runId: `reliability-${process.pid}-${++runs}`,
      signal: controller.signal,
      stages: options.stages ?? ['sync', 'analyze', 'writeback'],
    });
  } catch (error) {
    return messageOf(error);
  } finally {
    controller.abort();
    await opened.close();
  }
}

export const BIN = new URL('../../dist/cli/bin.js', import.meta.url).pathname;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `bearing <args> --config <world>` as a child process. Asynchronous on purpose: the sandbox serves
 * from this process, so a blocking spawn would deadlock. `onStart` gets the child (to kill it).
 */
export function runCli(
  world: World,
  args: readonly string[],
  options: { onStart?: (child: ChildProcess) => void; onStdout?: (chunk: string) => void } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--config', world.configPath], {
      env: { PATH: process.env.PATH ?? '', ...world.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onStart?.(child);
  });
}

/** `npm audit`-style helper for commands that need no sandbox. */
export function execText(file: string, args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        signal: null,
        stdout,
        stderr,
      }),
    );
  });
}

/**
 * Waits as long as the next scheduled cycle would at least: ServiceNow records stamped in the last
 * `DEFAULT_SETTLE_MS` before a run starts are left for the run after (the connector's settle window).
 */
export const nextScheduledCycle = (): Promise<void> => sleep(DEFAULT_SETTLE_MS + 1000);

/** Runs `task` over `items`, at most `limit` at a time. */
export async function inPool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What a run leaves behind, in a form two runs can be compared by. */
export interface Snapshot {
  /** uid → content hash (and `deleted` when marked so). */
  items: Map<string, string>;
  /** `system ref field: reason`, sorted. */
  quarantine: string[];
  /** uid → the values bearing last recorded as written. */
  written: Map<string, string>;
  /** ticket → bearing's three fields as the fake holds them. */
  upstream: Map<string, string>;
  /** ticket → number of writes the fake received. */
  writeCounts: Map<string, number>;
}

const SN_FIELDS = ['u_alignment_score', 'u_business_goal', 'u_alignment_flags'] as const;
const JIRA_FIELDS = ['Alignment Score', 'Business Goal', 'Alignment Flags'] as const;

export async function snapshot(world: World): Promise<Snapshot> {
  const store = await openStore(world.config.store.url);
  try {
    await store.migrate();
    const items = new Map<string, string>();
    const written = new Map<string, string>();
    // Each world's fakes listen on their own ports: links are compared without them.
    const sites = [world.sandbox.jira.url, world.sandbox.servicenow.url];
    const live = new Set<string>();
    for await (const item of store.iterateItems()) live.add(item.uid);
    for await (const item of store.iterateItems({ includeDeleted: true })) {
      const url = sites.reduce((u, site, i) => u.replace(site, `site${i}`), item.url);
      items.set(item.uid, contentHash({ ...item, url }) + (live.has(item.uid) ? '' : ' deleted'));
      // What bearing knows the ticket holds: its last recorded write, else the values last pulled
      // (a write that landed while its record failed is adopted by the next pull, not repeated).
      const last = await store.lastWritten(item.uid);
      const values = last?.values ?? item.held;
      if (values.score !== null || values.goal !== null) {
        written.set(item.uid, JSON.stringify([values.score, values.goal, [...(values.flags ?? [])].sort()]));
      }
    }
    const quarantine = (await store.listQuarantine())
      .map((q) => `${q.system} ${q.recordRef} ${q.field}: ${q.reason}`)
      .sort();
    return { items, quarantine, written, ...upstreamOf(world) };
  } finally {
    await store.close();
  }
}

/**
 * A field's value as a user sees it: never set, cleared to "" and cleared to [] are the same empty
 * field (a real ServiceNow string column reads "" either way, and Jira shows no labels either way).
 * The fakes keep the difference, so a ticket whose flags were set and later cleared would otherwise
 * differ from one whose flags were never written.
 */
const asSeen = (value: unknown): unknown =>
  value === '' || (Array.isArray(value) && value.length === 0) ? null : (value ?? null);

function upstreamOf(world: World): Pick<Snapshot, 'upstream' | 'writeCounts'> {
  const { jira, servicenow } = world.sandbox;
  const upstream = new Map<string, string>();
  const writeCounts = new Map<string, number>();
  for (const ticket of world.company.tickets) {
    if (ticket.system === 'jira') {
      const values = JIRA_FIELDS.map((f) => asSeen(jira.state.valueOf(ticket.key, f)));
      upstream.set(ticket.key, JSON.stringify(values));
    } else {
      const row = servicenow.state.record(ticket.table, ticket.sysId);
      upstream.set(`SN:${ticket.number}`, JSON.stringify(SN_FIELDS.map((f) => asSeen(row?.[f]))));
    }
  }
  for (const w of jira.state.writes) writeCounts.set(w.key, (writeCounts.get(w.key) ?? 0) + 1);
  for (const w of servicenow.state.writes) {
    const number = servicenow.state.record(w.table, w.sysId)?.number ?? w.sysId;
    writeCounts.set(`SN:${number}`, (writeCounts.get(`SN:${number}`) ?? 0) + 1);
  }
  return { upstream, writeCounts };
}

/** Every way `actual` differs from `reference`, one line each (at most `limit`). */
export function differences(reference: Snapshot, actual: Snapshot, limit = 8): string[] {
  const out: string[] = [];
  const compareMaps = (what: string, a: Map<string, unknown>, b: Map<string, unknown>): void => {
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if (a.get(key) !== b.get(key)) {
        out.push(
          `${what} ${key}: expected ${String(a.get(key) ?? 'none')}, got ${String(b.get(key) ?? 'none')}`,
        );
      }
    }
  };
  compareMaps('item', reference.items, actual.items);
  compareMaps('written', reference.written, actual.written);
  compareMaps('upstream', reference.upstream, actual.upstream);
  compareMaps('write count', reference.writeCounts, actual.writeCounts);
  const q = (list: string[]) => new Map(list.map((line) => [line, true]));
  compareMaps('quarantine', q(reference.quarantine), q(actual.quarantine));
  return out.length > limit ? [...out.slice(0, limit), `… and ${out.length - limit} more`] : out;
}

/** Tickets that received the same value twice (a write repeated after it had landed). */
export function duplicateWrites(world: World): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const note = (key: string): void => {
    if (seen.has(key)) out.push(key);
    seen.add(key);
  };
  for (const w of world.sandbox.jira.state.writes) note(`${w.key} ${w.field} ← ${JSON.stringify(w.to)}`);
  for (const w of world.sandbox.servicenow.state.writes) {
    note(`${w.table}/${w.sysId} ← ${JSON.stringify(w.body)}`);
  }
  return out;
}

/** A store whose chosen method fails on its `nth` call (a full disk, a lost connection). */
export function failingStore(store: Store, method: keyof Store, nth: number): Store {
  let calls = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== method) return value.bind(target);
      return (...args: unknown[]) => {
        if (++calls === nth) return Promise.reject(new Error(`injected store failure in ${String(method)}`));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The results table the suites print: one row per fault and system. */
export class OutcomeTable {
  private readonly rows: { fault: string; system: string; outcome: string }[] = [];
  add(fault: string, system: string, outcome: string): void {
    this.rows.push({ fault, system, outcome });
  }
  render(title: string): string {
    const widths = ['fault', 'system', 'outcome'].map((k) =>
      Math.max(k.length, ...this.rows.map((r) => r[k as 'fault'].length)),
    );
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    return [
      title,
      line(['fault', 'system', 'outcome']),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...this.rows.map((r) => line([r.fault, r.system, r.outcome])),
    ].join('\n');
  }
}
