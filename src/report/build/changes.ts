import type { AllocationRow, PressureTeam, Report } from '../../model/index.js';

/** What the sentences are written from: this week's figures and last week's report, if any. */
export interface ChangeFacts {
  week: string;
  lastWeek: string;
  deliveredHours: number;
  lastWeekHours: number;
  allocation: readonly AllocationRow[];
  unaligned: { now: number; last: number | null };
  /** The team where rank-and-file requests pressed hardest, with the requests that took its week. */
  pressure: {
    team: PressureTeam;
    requests: number;
    /** Distinct requester departments among those requests; 0 when none is known. */
    departments: number;
  } | null;
  duplicateTools: Report['duplicateTools'];
  duplicateWork: Report['duplicateWork'];
  previous: Report | null;
}

/** Most goal sentences in one report: an executive reads three, not ten. */
const MAX_GOAL_SENTENCES = 3;
/** A goal moving this many points in a week is worth a sentence even while green. */
const NOTABLE_MOVE = 5;
/** Work tied to no goal is worth a sentence from this share, or when it moved this many points. */
const NOTABLE_UNALIGNED = 15;
const NOTABLE_UNALIGNED_MOVE = 3;

const pct = (share: number): number => Math.round(share * 100);
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** Counts under ten in words, as a person would write them. */
export const count = (n: number): string => WORDS[n] ?? String(n);
const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What changed since last week, in a few plain sentences, most important first: goals that moved
 * or are off target, work tied to no goal, the team under the most request pressure, and duplicate
 * tools and work new since last week's report.
 */
export function changeSentences(facts: ChangeFacts): string[] {
  if (facts.deliveredHours === 0) {
    return [
      `No delivered effort was counted in ${facts.week}, so every share is 0%: check that bearing's sync ran ` +
        `and that items were resolved or worked on that week.`,
    ];
  }
  const sentences: string[] = [];
  if (facts.lastWeekHours === 0)
    sentences.push(
      `Nothing was counted in ${facts.lastWeek}, so there is no earlier week to compare with yet.`,
    );
  sentences.push(...goalSentences(facts));
  const unaligned = unalignedSentence(facts);
  if (unaligned) sentences.push(unaligned);
  if (facts.pressure) sentences.push(pressureSentence(facts.pressure));
  sentences.push(...duplicateSentences(facts));
  return sentences;
}

function goalSentences(facts: ChangeFacts): string[] {
  const before = new Map(facts.previous?.allocation.map((r) => [r.goal, r.status]) ?? []);
  const move = (r: AllocationRow): number =>
    r.lastWeek === null ? 0 : Math.abs(pct(r.actual) - pct(r.lastWeek));
  const gap = (r: AllocationRow): number => Math.abs(pct(r.actual) - pct(r.target));
  const weight = { red: 2, yellow: 1, green: 0 } as const;
  return facts.allocation
    .filter((r) => r.status !== 'green' || move(r) >= NOTABLE_MOVE || statusChanged(r, before))
    .sort((a, b) => weight[b.status] - weight[a.status] || gap(b) - gap(a) || move(b) - move(a))
    .slice(0, MAX_GOAL_SENTENCES)
    .map((r) => {
      const now = pct(r.actual);
      const last = r.lastWeek === null ? null : pct(r.lastWeek);
      const verb = last === null ? 'took' : now < last ? 'fell to' : now > last ? 'rose to' : 'stayed at';
      const diff = now - pct(r.target);
      const against =
        diff === 0
          ? 'on target'
          : `${Math.abs(diff)} point${Math.abs(diff) === 1 ? '' : 's'} ${diff < 0 ? 'under' : 'over'} target`;
      const was = before.get(r.goal);
      const status = statusChanged(r, before) ? `; now ${r.status}, ${was} last week` : '';
      return `${capitalise(r.name ?? r.goal)} ${verb} ${now}% of delivered effort, ${against}${status}.`;
    });
}

function statusChanged(row: AllocationRow, before: ReadonlyMap<string, string>): boolean {
  const was = before.get(row.goal);
  return was !== undefined && was !== row.status;
}

function unalignedSentence(facts: ChangeFacts): string | null {
  const now = pct(facts.unaligned.now);
  const last = facts.unaligned.last === null ? null : pct(facts.unaligned.last);
  const moved = last !== null && Math.abs(now - last) >= NOTABLE_UNALIGNED_MOVE;
  if (now < NOTABLE_UNALIGNED && !moved) return null;
  const verb = last === null || now === last ? 'took' : now < last ? 'fell to' : 'rose to';
  return `Work tied to no goal ${verb} ${now}% of delivered effort${last === null ? '' : ` (${last}% last week)`}.`;
}

function pressureSentence(p: NonNullable<ChangeFacts['pressure']>): string {
  const { team } = p;
  const who = p.departments > 0 ? ` from ${plural(p.departments, 'department')}` : '';
  const requests =
    p.requests > 0
      ? `${count(p.requests)} ${team.team} rank-and-file request${p.requests === 1 ? '' : 's'}${who}`
      : `rank-and-file requests in ${team.team}`;
  const waiting = team.waiting > 0 ? ` while ${plural(team.waiting, 'top-goal item')} waited` : '';
  return capitalise(
    `${requests} took ${pct(team.rankAndFileShare)}% of the team's week against ` +
      `${pct(team.executiveShare)}% for executive priorities${waiting}.`,
  );
}

function duplicateSentences(facts: ChangeFacts): string[] {
  const sentences: string[] = [];
  const { previous } = facts;
  const knownTools = new Set(previous?.duplicateTools.map((c) => c.capability) ?? []);
  const tools = previous
    ? facts.duplicateTools.filter((c) => !knownTools.has(c.capability))
    : facts.duplicateTools;
  if (tools.length > 0) {
    const named = tools
      .slice(0, 3)
      .map((c) => `${typeof c.name === 'string' ? c.name : c.capability} (${c.tools.join(', ')})`)
      .join('; ');
    const more = tools.length > 3 ? ` and ${tools.length - 3} more` : '';
    sentences.push(
      `${capitalise(plural(tools.length, previous ? 'new duplicate-tool cluster' : 'duplicate-tool cluster'))}: ${named}${more}.`,
    );
  }
  const knownPairs = new Set(previous?.duplicateWork.map((p) => p.items.join('|')) ?? []);
  const pairs = previous
    ? facts.duplicateWork.filter((p) => !knownPairs.has(p.items.join('|')))
    : facts.duplicateWork;
  if (pairs.length > 0) {
    const label = previous ? 'new pair' : 'pair';
    sentences.push(
      `${capitalise(plural(pairs.length, label))} of items look like the same work, most alike ` +
        `${pairs[0]!.items.join(' and ')} (${pct(pairs[0]!.similarity)}% similar).`,
    );
  }
  return sentences;
}
