import { detectDuplicateTools } from '../analysis/duplicate-tools/index.js';
import { findDuplicateWork } from '../analysis/duplicate-work/index.js';
import { windowStart, type AnalysisWindow } from '../analysis/effort/index.js';
import { detectMisaligned } from '../analysis/misaligned/index.js';
import { detectRequestPressure } from '../analysis/request-pressure/index.js';
import type { Logger } from '../core/log.js';
import { isoWeekBounds, isoWeekOf } from '../core/time.js';
import type {
  AnalysisSettings,
  EffortRates,
  Finding,
  Flag,
  GoalsFile,
  GoalTag,
  Score,
  ToolCatalog,
  WorkItem,
} from '../model/index.js';
import type { Store } from '../store/store.js';

/** Tags every item with a goal (mapping); injected so the pipeline knows the order, not the rules. */
export type TagItems = (items: readonly WorkItem[]) => Map<string, GoalTag>;
/** Scores one item from its tag and flags. */
export type ScoreItem = (item: WorkItem, tag: GoalTag, flags: readonly Flag[]) => Score;

export interface AnalyzeOptions {
  store: Store;
  log: Logger;
  runId: string;
  nowMs: number;
  timeZone: string;
  goals: GoalsFile;
  catalog: ToolCatalog;
  rates: EffortRates;
  settings: AnalysisSettings;
  tagItems: TagItems;
  scoreItem: ScoreItem;
  signal: AbortSignal;
}

export interface AnalyzeSummary {
  items: number;
  goals: Record<string, number>;
  flags: Record<Flag, number>;
  findings: Record<Finding['kind'], number>;
}

/**
 * The analysis window of a cycle at `nowMs`: whole ISO weeks (in `timeZone`), from the start of
 * the week holding the instant `windowDays` back — the weeks the effort shares are counted in.
 * Its start moves once a week, not with every cycle: a window sliding by the minute drops a ticket
 * or two from the duplicate-work corpus each cycle, which shifts every term's weight and with it
 * which of a dozen copies each ticket's lookup keeps, so flags on tickets nobody touched went on,
 * off and on again (the soak of issue #12). Within a week, flags now change only when tickets do.
 */
function analysisWindow(nowMs: number, windowDays: number, timeZone: string): AnalysisWindow {
  const sliding: AnalysisWindow = { now: nowMs, windowDays, timeZone };
  return { ...sliding, from: isoWeekBounds(isoWeekOf(windowStart(sliding), timeZone), timeZone).start };
}

/**
 * One analysis pass over every live item in the store: goal tags, the four analysers' flags and
 * findings, then a score per item. Results are stored under the run id; nothing is written upstream.
 */
export async function analyzeAll(options: AnalyzeOptions): Promise<AnalyzeSummary> {
  const log = options.log.child({ stage: 'analyze' });
  const items: WorkItem[] = [];
  for await (const item of options.store.iterateItems()) items.push(item);
  if (options.signal.aborted) throw options.signal.reason;

  const tags = options.tagItems(items);
  const window = analysisWindow(options.nowMs, options.settings.windowDays, options.timeZone);
  const { settings } = options;
  const tools = detectDuplicateTools(items, settings.duplicateTools, { ...window, catalog: options.catalog });
  const work = findDuplicateWork(items, settings.duplicateWork, window);
  const misaligned = detectMisaligned(items, tags, settings.misaligned, { ...window, rates: options.rates });
  const pressure = detectRequestPressure(items, tags, settings.requestPressure, {
    ...window,
    rates: options.rates,
    goals: options.goals.goals,
  });

  const flagSets: [Flag, ReadonlySet<string>][] = [
    ['duplicate-tool', tools.flagged],
    ['duplicate-work', work.flagged],
    ['misaligned', misaligned.flagged],
    ['request-pressure', pressure.flagged],
  ];
  const summary: AnalyzeSummary = {
    items: items.length,
    goals: {},
    flags: { 'duplicate-tool': 0, 'duplicate-work': 0, misaligned: 0, 'request-pressure': 0 },
    findings: { 'duplicate-tool': 0, 'duplicate-work': 0, misaligned: 0, 'request-pressure': 0 },
  };
  const tagList: GoalTag[] = [];
  const scores: Score[] = [];
  for (const item of items) {
    const tag = tags.get(item.uid);
    if (!tag) continue;
    const flags = flagSets.filter(([, set]) => set.has(item.uid)).map(([flag]) => flag);
    for (const flag of flags) summary.flags[flag]++;
    summary.goals[tag.goal] = (summary.goals[tag.goal] ?? 0) + 1;
    tagList.push(tag);
    scores.push(options.scoreItem(item, tag, flags));
  }
  const findings = [...tools.findings, ...work.findings, ...misaligned.findings, ...pressure.findings];
  for (const finding of findings) summary.findings[finding.kind]++;

  await options.store.saveAnalysis(options.runId, tagList, scores);
  await options.store.saveFindings(options.runId, findings);
  log.info({ ...summary }, `analysed ${items.length} items: ${findings.length} findings`);
  return summary;
}
