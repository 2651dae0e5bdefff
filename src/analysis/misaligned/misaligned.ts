import { effortHours, NONE } from '../../model/index.js';
import type { EffortRates, Finding, MisalignedSettings, WorkItem } from '../../model/index.js';
import { countedWeeks, goalOf, weekIndex, windowWeeks } from '../effort/index.js';
import type { AnalysisWindow, TagLookup } from '../effort/index.js';

export interface MisalignedContext extends AnalysisWindow {
  rates: EffortRates;
}

/** An item tied to no goal that counts in a week of the window. */
export interface MisalignedItem {
  uid: string;
  ref: string;
  team: string;
  /** Its full effort in hours. */
  hours: number;
  /** The weeks of the window it counts in. */
  weeks: string[];
}

/** One team's effort in one week of the window, and the part of it tied to no goal. */
export interface TeamWeekShare {
  team: string;
  week: string;
  totalHours: number;
  misalignedHours: number;
  /** `misalignedHours / totalHours`, 0 when nothing counted. */
  share: number;
}

export interface MisalignedResult {
  findings: Finding[];
  /** Uids that carry the `misaligned` flag. */
  flagged: ReadonlySet<string>;
  /** Every misaligned item, largest effort first (ties by ref). */
  items: MisalignedItem[];
  /** Every team with counted effort, for every week of the window (teams sorted, weeks oldest first). */
  teamWeeks: TeamWeekShare[];
}

interface TeamTotals {
  total: Float64Array;
  misaligned: Float64Array;
  items: MisalignedItem[];
}

/**
 * Work tied to no goal (design.md, flag `misaligned`): goal `none`, counting in a week of the
 * analysis window. Findings are of two sorts, both kind `misaligned`:
 * - `misaligned:item:<uid>` for the `topItems` largest misaligned items (the report's top list);
 * - `misaligned:team:<team>` for a team whose share of effort tied to no goal over the window's
 *   weeks reaches `teamShare`, naming its largest misaligned items.
 * An item counted twice in the window (resolved, reopened, worked again) is one item with one effort
 * in the lists, and counts in both weeks of the team's figures.
 */
export function detectMisaligned(
  items: Iterable<WorkItem>,
  tags: TagLookup,
  settings: MisalignedSettings,
  context: MisalignedContext,
): MisalignedResult {
  const weeks = windowWeeks(context);
  const index = weekIndex(weeks, context.timeZone);
  const teams = new Map<string, TeamTotals>();
  const misaligned: MisalignedItem[] = [];

  for (const item of items) {
    const counted = countedWeeks(item, index);
    if (counted.length === 0) continue;
    const hours = effortHours(item, context.rates);
    let team = teams.get(item.team);
    if (team === undefined) {
      team = { total: new Float64Array(weeks.length), misaligned: new Float64Array(weeks.length), items: [] };
      teams.set(item.team, team);
    }
    const isMisaligned = goalOf(tags, item.uid) === NONE;
    for (const w of counted) {
      team.total[w]! += hours;
      if (isMisaligned) team.misaligned[w]! += hours;
    }
    if (isMisaligned) {
      const entry = {
        uid: item.uid,
        ref: item.ref,
        team: item.team,
        hours,
        weeks: counted.map((w) => weeks[w]!),
      };
      misaligned.push(entry);
      team.items.push(entry);
    }
  }

  misaligned.sort(byEffort);
  const teamWeeks: TeamWeekShare[] = [];
  const findings: Finding[] = misaligned.slice(0, settings.topItems).map(itemFinding);
  for (const name of [...teams.keys()].sort()) {
    const team = teams.get(name)!;
    const rows = weeks.map((week, w) => shareRow(name, week, team.total[w]!, team.misaligned[w]!));
    teamWeeks.push(...rows);
    const window = shareRow(name, '', sum(team.total), sum(team.misaligned));
    if (
      window.totalHours >= settings.minTeamHours &&
      window.share >= settings.teamShare &&
      team.items.length > 0
    ) {
      findings.push(teamFinding(team, window, rows, settings));
    }
  }

  return { findings, flagged: new Set(misaligned.map((m) => m.uid)), items: misaligned, teamWeeks };
}

function byEffort(a: MisalignedItem, b: MisalignedItem): number {
  return b.hours - a.hours || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const percent = (share: number): string => `${Math.round(share * 100)}%`;

function itemFinding(item: MisalignedItem): Finding {
  return {
    kind: 'misaligned',
    key: `misaligned:item:${item.uid}`,
    items: [item.ref],
    summary: `${item.ref} (${item.team}, ${round1(item.hours)} h) is tied to no business goal`,
    details: { uid: item.uid, team: item.team, hours: item.hours, weeks: item.weeks },
  };
}

function shareRow(team: string, week: string, totalHours: number, misalignedHours: number): TeamWeekShare {
  return {
    team,
    week,
    totalHours,
    misalignedHours,
    share: totalHours > 0 ? misalignedHours / totalHours : 0,
  };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function teamFinding(
  team: TeamTotals,
  window: TeamWeekShare,
  rows: TeamWeekShare[],
  settings: MisalignedSettings,
): Finding {
  const top = [...team.items].sort(byEffort).slice(0, settings.maxItemsPerFinding);
  return {
    kind: 'misaligned',
    key: `misaligned:team:${window.team}`,
    items: top.map((i) => i.ref),
    summary:
      `${window.team}: ${percent(window.share)} of ${round1(window.totalHours)} h in ` +
      `${rows[0]!.week}–${rows.at(-1)!.week} went to work tied to no goal (${team.items.length} items)`,
    details: {
      team: window.team,
      totalHours: window.totalHours,
      misalignedHours: window.misalignedHours,
      share: window.share,
      itemCount: team.items.length,
      weeks: rows.map(({ week, totalHours, misalignedHours, share }) => ({
        week,
        totalHours,
        misalignedHours,
        share,
      })),
      topItems: top.map((i) => ({ item: i.ref, hours: i.hours })),
    },
  };
}
