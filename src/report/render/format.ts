import type { AllocationRow, PressureTeam, Report, ReportStatus } from '../../model/index.js';
import { pressureTeamSchema } from '../../model/index.js';

/** A share as the report shows it: whole percent. */
export const pct = (share: number): number => Math.round(share * 100);
export const percent = (share: number): string => `${pct(share)}%`;

/** Hours as a reader takes them in: whole hours with thousands separators (`54,587`). */
export const hoursText = (hours: number): string =>
  Math.round(hours).toLocaleString('en-US', { maximumFractionDigits: 0 });

/** The gap to target in points, signed: `−13 pts`, `+4 pts`, `on target`. */
export function gapText(actual: number, target: number): string {
  const gap = pct(actual) - pct(target);
  if (gap === 0) return 'on target';
  return `${gap < 0 ? '−' : '+'}${Math.abs(gap)} pts`;
}

/** The parts that are known, in parentheses after a figure: ` (target 30%; last week 28%)`, or nothing. */
export function aside(parts: readonly (string | null)[], separator = '; '): string {
  const said = parts.filter((p): p is string => p !== null);
  return said.length === 0 ? '' : ` (${said.join(separator)})`;
}

/**
 * The run and unaligned shares in one sentence, with target and last week where known; `strong`
 * marks the figures up (HTML) or leaves them (Markdown).
 */
export function runAndUnalignedText(report: Report, strong: (figure: string) => string = (f) => f): string {
  const last = (share: number | null | undefined): string | null =>
    share === null || share === undefined ? null : `last week ${percent(share)}`;
  return (
    `Run work (keep the lights on): ${strong(percent(report.runShare))}` +
    aside([
      report.runTarget === undefined ? null : `target ${percent(report.runTarget)}`,
      last(report.lastWeekRunShare),
    ]) +
    `. Work tied to no goal: ${strong(percent(report.unalignedShare))}` +
    aside([last(report.lastWeekUnalignedShare)]) +
    `.`
  );
}

export const goalName = (row: AllocationRow): string => row.name ?? row.goal;

export const STATUS_COLOURS: Record<ReportStatus, string> = {
  green: '#2e7d32',
  yellow: '#b7791f',
  red: '#c62828',
};

/** Colours that stay apart for colour-blind readers (Tableau 10). */
export const SERIES_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export const FONT_FAMILY = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** `requestPressure.teams` rows that have the shape bearing writes; others are skipped. */
export function pressureTeams(report: Report): PressureTeam[] {
  return report.requestPressure.teams.flatMap((t) => {
    const row = pressureTeamSchema.safeParse(t);
    return row.success ? [row.data] : [];
  });
}

/** Statuses counted for a subject line: "2 goals red, 1 yellow" or "every goal on target". */
export function statusSummary(report: Report): string {
  const red = report.allocation.filter((r) => r.status === 'red').length;
  const yellow = report.allocation.filter((r) => r.status === 'yellow').length;
  const parts: string[] = [];
  if (red > 0) parts.push(`${red} goal${red === 1 ? '' : 's'} red`);
  if (yellow > 0) parts.push(`${yellow}${red > 0 ? '' : ` goal${yellow === 1 ? '' : 's'}`} yellow`);
  return parts.length > 0 ? parts.join(', ') : 'every goal within its green band';
}

/** "16–22 Nov 2026" for the week's days, or the ISO week alone in a report without them. */
export function weekSpan(report: Report): string {
  if (!report.days) return report.week;
  const [fy, fm, fd] = report.days.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = report.days.to.split('-').map(Number) as [number, number, number];
  const month = (m: number): string => MONTHS[m - 1]!;
  if (fy !== ty) return `${fd} ${month(fm)} ${fy} – ${td} ${month(tm)} ${ty}`;
  if (fm !== tm) return `${fd} ${month(fm)} – ${td} ${month(tm)} ${ty}`;
  return `${fd}–${td} ${month(tm)} ${ty}`;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Rows shown in the Markdown and HTML lists; report.json keeps them all. */
export const LIST_LIMIT = 10;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
