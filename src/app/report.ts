import { join } from 'node:path';
import {
  BearingError,
  isoWeekBounds,
  previousIsoWeek,
  systemClock,
  toIso,
  type Clock,
} from '../core/index.js';
import type { Metrics } from '../metrics/index.js';
import { reportSchema, type GoalTag, type Report, type WorkItem } from '../model/index.js';
import { buildReport, lastCompleteWeek } from '../report/build/index.js';
import { deliverReport, type DeliveryOutcome } from '../report/deliver/index.js';
import { writeReportFiles } from '../report/files.js';
import { openSession, type Session } from './commands.js';
import { ANALYSIS_RUN } from './cycle.js';

export type ReportSession = Pick<Session, 'config' | 'log' | 'store' | 'signal'>;

export interface ReportOptions {
  /** ISO week (`2026-W47`); the last complete week in `schedule.timezone` when absent. */
  week?: string;
  clock?: Clock;
  metrics?: Pick<Metrics, 'recordDelivery'>;
}

export interface ReportResult {
  week: string;
  /** `<report.out>/<week>`. */
  dir: string;
  files: string[];
  /** The analysis run it was built from, or null when a stored report was rendered again. */
  builtFrom: string | null;
  deliveries: DeliveryOutcome[];
}

/**
 * `bearing report [--week W]` and the weekly schedule: builds the week's report from the newest
 * analysis and stores it, or takes the stored one when the week already has a report (so a past
 * week renders byte for byte as it was first written); writes the files to `report.out` first, then
 * delivers by e-mail and webhook. A failed delivery is reported, never thrown: the files and the
 * stored report remain.
 */
export async function generateReport(
  session: ReportSession,
  options: ReportOptions = {},
): Promise<ReportResult> {
  const { config, store, log } = session;
  const clock = options.clock ?? systemClock;
  const timeZone = config.schedule.timezone;
  const week = options.week ?? lastCompleteWeek(clock.now(), timeZone);
  const { end } = isoWeekBounds(week, timeZone);
  if (end > clock.now()) {
    throw new BearingError(
      'config',
      `${week} is not over yet in ${timeZone} (it ends ${toIso(end)}); the last complete week is ` +
        `${lastCompleteWeek(clock.now(), timeZone)}`,
    );
  }

  const stored = await store.getReport(week);
  let report: Report;
  let builtFrom: string | null = null;
  if (stored) {
    report = reportSchema.parse(stored.report);
  } else {
    const run = await store.lastRun(ANALYSIS_RUN, 'succeeded');
    if (!run) {
      throw new BearingError(
        'notFound',
        `no report for ${week} yet and nothing analysed to build one from: run \`bearing run --once\` first`,
      );
    }
    builtFrom = run.id;
    // Through JSON and the schema, as a stored report comes back: first render and re-render agree.
    const built = await buildFromStore(session, week, run.id, toIso(clock.now()));
    report = reportSchema.parse(JSON.parse(JSON.stringify(built)));
    await store.saveReport({ week, generatedAt: report.generatedAt, report });
  }

  // Loaded here, not at start-up: ECharts and resvg are heavy and only this command needs them.
  const { renderReport } = await import('../report/render/index.js');
  const rendered = await renderReport(report);
  const dir = join(config.report.out, week);
  let files: string[];
  try {
    files = await writeReportFiles(dir, rendered.files);
    options.metrics?.recordDelivery('file', 'delivered');
  } catch (error) {
    options.metrics?.recordDelivery('file', 'failed');
    throw error;
  }
  log.info({ stage: 'report', week, dir, builtFrom }, `report ${week} written to ${dir}`);

  const deliveries = await deliverReport(rendered.message(dir), config.report, {
    log,
    signal: session.signal,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return { week, dir, files, builtFrom, deliveries };
}

async function buildFromStore(
  session: ReportSession,
  week: string,
  runId: string,
  generatedAt: string,
): Promise<Report> {
  const { config, store } = session;
  const tags = new Map<string, GoalTag>();
  const scores = new Map<string, number>();
  for await (const { tag, score } of store.iterateScores(runId)) {
    tags.set(tag.uid, tag);
    scores.set(score.uid, score.score);
  }
  // Items the analysis has not seen yet (synced since) wait for the next one, rather than count as
  // tied to no goal.
  const items: WorkItem[] = [];
  for await (const item of store.iterateItems()) if (tags.has(item.uid)) items.push(item);
  const previous = await store.getReport(previousIsoWeek(week));
  return buildReport({
    week,
    generatedAt,
    timeZone: config.schedule.timezone,
    goals: config.goals,
    rates: config.effort,
    thresholds: config.report.thresholds,
    settings: config.analysis,
    items,
    tags,
    scores,
    findings: await store.listFindings(runId),
    previous: previous ? reportSchema.parse(previous.report) : null,
  });
}

/** `bearing report [--week W]` on its own: one session, one report. */
export async function reportWeek(configPath: string, options: { week?: string } = {}): Promise<ReportResult> {
  const session = await openSession(configPath);
  try {
    return await generateReport(session, options);
  } finally {
    await session.close();
  }
}
