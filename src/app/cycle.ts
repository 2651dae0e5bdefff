import type { Config } from '../config/index.js';
import type { Connector, ItemWriter } from '../connectors/connector.js';
import { messageOf } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { toIso, type Clock } from '../core/time.js';
import { createGoalMapper } from '../mapping/index.js';
import { createScoringContext, scoreItem } from '../analysis/scoring/index.js';
import type { Source } from '../model/index.js';
import { analyzeAll, type AnalyzeSummary } from '../pipeline/analyze.js';
import { sweepRunKind } from '../pipeline/sweep.js';
import { syncAll, type ScopeSummary } from '../pipeline/sync.js';
import { writeBackAll, type WriteBackSummary } from '../pipeline/write-back.js';
import type { Store } from '../store/store.js';

export type Stage = 'sync' | 'analyze' | 'writeback';

export interface CycleOptions {
  config: Config;
  store: Store;
  connectors: readonly Connector[];
  log: Logger;
  clock: Clock;
  runId: string;
  signal: AbortSignal;
  stages: readonly Stage[];
  dryRun?: boolean;
  onPage?: (summary: ScopeSummary) => void;
  /** Called after each item the analysis scores (progress display). */
  onScored?: () => void;
}

export interface CycleResult {
  ok: boolean;
  runId: string;
  sync?: ScopeSummary[];
  analyze?: AnalyzeSummary;
  writeback?: WriteBackSummary;
  /** What failed and where, one line each. */
  failures: string[];
  /** Write-back found fields or columns `bearing setup` must prepare first. */
  setupNeeded?: boolean;
}

/** The run kind under which each analysis is recorded; write-back reads the newest one. */
export const ANALYSIS_RUN = 'analysis';

/**
 * One cycle: sync → analyze → write-back, each stage only if asked for. A failed scope does not
 * stop the others or the later stages (they work on what is stored); it makes the cycle fail.
 */
export async function runCycle(options: CycleOptions): Promise<CycleResult> {
  const { config, store, log, clock, runId, signal } = options;
  const result: CycleResult = { ok: true, runId, failures: [] };
  const kind = options.stages.length === 3 ? 'cycle' : options.stages.join('+');
  await store.startRun({ id: runId, kind, startedAt: toIso(clock.now()) });
  try {
    if (options.stages.includes('sync')) {
      result.sync = await syncAll({
        connectors: options.connectors,
        store,
        log,
        runStartMs: clock.now(),
        signal,
        sweepEveryMs: { jira: config.jira?.sweepEvery, servicenow: config.servicenow?.sweepEvery },
        ...(options.onPage ? { onPage: options.onPage } : {}),
      });
      for (const s of result.sync)
        if (s.error) result.failures.push(`sync ${s.system} ${s.scope}: ${s.error}`);
    }
    if (options.stages.includes('analyze') && !signal.aborted) {
      result.analyze = await analyze(options);
    }
    if (options.stages.includes('writeback') && !signal.aborted) {
      const incomplete = result.sync ? await neverPulledInFull(result.sync, store) : [];
      if (!config.writeback.enabled && !options.dryRun) {
        log.info({ stage: 'writeback' }, 'write-back is turned off (writeback.enabled: false)');
      } else if (incomplete.length > 0) {
        const message = `write-back waits until ${incomplete.join(', ')} ha${incomplete.length === 1 ? 's' : 've'} been pulled in full once: scores and flags from part of the picture would be rewritten when the rest arrives`;
        log.warn({ stage: 'writeback', scopes: incomplete }, message);
        result.failures.push(message);
      } else {
        const analysis = await store.lastRun(ANALYSIS_RUN, 'succeeded');
        if (!analysis) throw new Error('nothing to write back yet: run `bearing analyze` first');
        const writers: Partial<Record<Source, ItemWriter>> = {};
        for (const c of options.connectors) writers[c.system] = c.writer;
        result.writeback = await writeBackAll({
          store,
          runId: analysis.id,
          writers,
          dryRun: options.dryRun ?? false,
          clock,
          log,
          signal,
        });
        for (const e of result.writeback.errors) result.failures.push(`write-back ${e}`);
        if (result.writeback.setupNeeded) result.setupNeeded = true;
      }
    }
    if (signal.aborted) result.failures.push('stopped before the cycle finished (shutdown)');
  } catch (error) {
    result.failures.push(messageOf(error));
  }
  result.ok = result.failures.length === 0;
  await store.finishRun(runId, result.ok ? 'succeeded' : 'failed', summaryOf(result));
  return result;
}

/**
 * Scopes that failed in this sync and were never pulled in full before (no completed full pull or
 * sweep on record; for a system whose scopes could not even be listed, no item stored at all).
 * Until each has been, bearing lacks part of the picture: duplicates across systems, a team's
 * request pressure and every share would change once it arrives, and each such change would be a
 * second write.
 */
async function neverPulledInFull(sync: readonly ScopeSummary[], store: Store): Promise<string[]> {
  const missing: string[] = [];
  for (const s of sync) {
    if (!s.error) continue;
    const system = s.system as Source;
    const known =
      s.scope === '*'
        ? (await store.countItems({ source: system })) > 0
        : (await store.lastRun(sweepRunKind(system, s.scope), 'succeeded')) !== null;
    if (!known) missing.push(s.scope === '*' ? system : `${system} ${s.scope}`);
  }
  return missing;
}

async function analyze(options: CycleOptions): Promise<AnalyzeSummary> {
  const { config, store, clock } = options;
  const id = `${options.runId}-analysis`;
  await store.startRun({ id, kind: ANALYSIS_RUN, startedAt: toIso(clock.now()) });
  try {
    const mapper = createGoalMapper(config.goals, config.analysis.mapping);
    const scoring = createScoringContext(config.goals.goals, config.effort);
    const summary = await analyzeAll({
      store,
      log: options.log,
      runId: id,
      nowMs: clock.now(),
      timeZone: config.schedule.timezone,
      goals: config.goals,
      catalog: config.tools,
      rates: config.effort,
      settings: config.analysis,
      tagItems: (items) => mapper.mapItems(items),
      scoreItem: (item, tag, flags) => {
        const score = scoreItem(item, tag, flags, scoring, config.analysis.scoring);
        options.onScored?.();
        return score;
      },
      signal: options.signal,
    });
    await store.finishRun(id, 'succeeded', { ...summary });
    await store.pruneAnalysis(3);
    return summary;
  } catch (error) {
    await store.finishRun(id, 'failed', { error: messageOf(error) });
    throw error;
  }
}

function summaryOf(result: CycleResult): Record<string, unknown> {
  return {
    failures: result.failures,
    ...(result.sync ? { sync: result.sync } : {}),
    ...(result.analyze ? { analyze: result.analyze } : {}),
    ...(result.writeback
      ? { writeback: { ...result.writeback, preview: result.writeback.preview.length } }
      : {}),
  };
}
