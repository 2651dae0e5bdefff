import { describe, expect, it } from 'vitest';
import type { SeedTicket } from '../seed.js';
import { DEFAULT_SIZE, generateCompany, refOf, teamOf } from './index.js';
import type { Company, CompanyEntry } from './index.js';
import { timeline } from './timeline.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const WINDOW_START = timeline(NOW).windowStart;

function load(size: number, seed = 42) {
  const company = generateCompany({ seed, size, now: NOW });
  const entries = [...company.entries()];
  const byRef = new Map(entries.map((e) => [e.truth.ref, e]));
  return { company, entries, byRef, truth: company.groundTruth, controls: company.controls };
}

const active = (t: SeedTicket): boolean =>
  (t.resolved !== null && t.resolved >= WINDOW_START) || (t.status === 'doing' && t.updated >= WINDOW_START);

const { company, entries, byRef, truth, controls } = load(DEFAULT_SIZE);
const get = (ref: string): CompanyEntry => {
  const e = byRef.get(ref);
  if (!e) throw new Error(`no ticket ${ref}`);
  return e;
};
const executives = new Set(company.people.filter((p) => p.isExecutive).map((p) => p.id));
const rankOf = (goal: string): number | undefined => company.goals.goals.find((g) => g.id === goal)?.rank;

describe('ground truth: references', () => {
  it('has one goal record per ticket, under the ref bearing uses', () => {
    expect(Object.keys(truth.goals).length).toBe(entries.length);
    for (const { ticket, truth: t } of entries) {
      expect(t.ref).toBe(refOf(ticket));
      expect(truth.goals[t.ref]).toEqual({ goal: t.goal, evidence: t.evidence });
    }
  });

  it('names only tickets that exist', () => {
    const refs = [
      ...truth.misaligned,
      ...truth.duplicateWork.flatMap((p) => p.items),
      ...truth.duplicateTools.flatMap((c) => c.items),
      ...truth.requestPressure.flatMap((t) => [...t.items, ...t.waiting]),
      ...controls.nearMisses.flat(),
      ...controls.linkedDuplicates.flat(),
      ...controls.toolSupport.map((s) => s.item),
      ...controls.sameToolRequests.flatMap((s) => s.items),
      ...controls.anchorEpics,
    ];
    for (const ref of refs) expect(byRef.has(ref), ref).toBe(true);
  });

  it('is the same when collected again', () => {
    const again = generateCompany({ seed: 42, size: DEFAULT_SIZE, now: NOW });
    expect(JSON.stringify(again.groundTruth)).toBe(JSON.stringify(truth));
  });
});

describe('ground truth: goals', () => {
  it('mixes goal work, run work and 10-20% unaligned work, with every kind of evidence', () => {
    const share = (goal: string): number =>
      entries.filter((e) => e.truth.goal === goal).length / entries.length;
    expect(share('none')).toBeGreaterThanOrEqual(0.1);
    expect(share('none')).toBeLessThanOrEqual(0.2);
    expect(share('run')).toBeGreaterThan(0.15);
    for (const g of company.goals.goals) expect(share(g.id), g.id).toBeGreaterThan(0.03);
    const evidence = new Set(entries.map((e) => e.truth.evidence));
    expect([...evidence].sort()).toEqual(['explicit', 'inherited', 'none', 'text']);
  });

  it('gives inherited work the goal of the epic, parent or demand it hangs under', () => {
    const inherited = entries.filter((e) => e.truth.evidence === 'inherited');
    expect(inherited.length).toBeGreaterThan(20);
    for (const { ticket: t, truth: own } of inherited) {
      const above =
        t.system === 'jira'
          ? (t.parentKey ?? t.epicKey)
          : t.parentNumber === null
            ? null
            : `SN:${t.parentNumber}`;
      expect(above, own.ref).not.toBeNull();
      expect(get(above!).truth.goal, own.ref).toBe(own.goal);
    }
  });

  it('gives text-only work no explicit evidence of any goal', () => {
    const rules = company.goals.goals.map((g) => g.match);
    const text = entries.filter((e) => e.truth.evidence === 'text');
    expect(text.length).toBeGreaterThan(20);
    for (const { ticket: t, truth: own } of text) {
      for (const m of rules) {
        if (t.system === 'jira') {
          expect(m.jira.projects, own.ref).not.toContain(t.project);
          expect(
            t.labels.filter((l) => m.jira.labels.includes(l)),
            own.ref,
          ).toEqual([]);
          expect(
            t.components.filter((c) => m.jira.components.includes(c)),
            own.ref,
          ).toEqual([]);
          expect(m.jira.epics, own.ref).not.toContain(t.epicKey);
        } else {
          expect(m.servicenow.assignmentGroups, own.ref).not.toContain(t.assignmentGroup);
          expect(m.servicenow.businessServices, own.ref).not.toContain(t.businessService);
        }
      }
    }
  });

  it('counts every incident and every security, compliance or patching ticket as run work', () => {
    for (const { ticket: t, truth: own } of entries) {
      const run =
        t.system === 'jira'
          ? t.labels.some((l) => ['security', 'compliance', 'patching'].includes(l))
          : t.table === 'incident' ||
            (t.table !== 'sc_req_item' && ['security', 'compliance', 'patching'].includes(t.category ?? ''));
      if (run) expect(own.goal, own.ref).toBe('run');
    }
  });

  it('ignores the category of requested items, which ServiceNow does not have', () => {
    const requests = entries.filter(
      ({ ticket: t }) => t.system === 'servicenow' && t.table === 'sc_req_item' && t.category === 'security',
    );
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.some(({ truth: own }) => own.goal !== 'run')).toBe(true);
  });
});

describe('ground truth: flags follow the design definitions', () => {
  it('lists as misaligned exactly the unaligned tickets that count in the window, some with real effort', () => {
    const expected = entries
      .filter((e) => e.truth.goal === 'none' && active(e.ticket))
      .map((e) => e.truth.ref);
    expect(truth.misaligned).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);
    const large = expected
      .map(get)
      .filter(({ ticket: t }) =>
        t.system === 'jira'
          ? (t.storyPoints ?? 0) >= 8 || (t.originalEstimateSeconds ?? 0) >= 24 * 3600
          : (t.hours ?? 0) >= 100,
      );
    expect(large.length).toBeGreaterThan(3);
  });

  it('plants duplicate work within Jira, within ServiceNow and across, each pair open and new', () => {
    const kinds = new Set<string>();
    const planted = (entry: CompanyEntry): boolean => entry.truth.tags.some((tag) => tag.kind === 'work');
    for (const { items } of truth.duplicateWork) {
      const [a, b] = items.map(get) as [CompanyEntry, CompanyEntry];
      expect(a.ticket.created).toBeGreaterThanOrEqual(WINDOW_START);
      expect(b.ticket.created).toBeGreaterThanOrEqual(WINDOW_START);
      expect(a.ticket.status === 'done' && b.ticket.status === 'done').toBe(false);
      expect(a.truth.work).toBe(b.truth.work);
      if (!planted(a)) continue;
      kinds.add([a.ticket.system, b.ticket.system].sort().join('+'));
      expect(a.ticket.title).not.toBe(b.ticket.title);
    }
    expect([...kinds].sort()).toEqual(['jira+jira', 'jira+servicenow', 'servicenow+servicenow']);
  });

  it('labels ordinary tickets naming the same work as duplicates, unless parent and child', () => {
    const repeats = truth.duplicateWork
      .map(({ items }) => items.map(get) as [CompanyEntry, CompanyEntry])
      .filter(([a]) => a.truth.work.startsWith('title:'));
    expect(repeats.length).toBeGreaterThan(10);
    const keyOf = ({ ticket: t }: CompanyEntry): string => (t.system === 'jira' ? t.key : t.number);
    const above = ({ ticket: t }: CompanyEntry): (string | null)[] =>
      t.system === 'jira' ? [t.parentKey, t.epicKey] : [t.parentNumber];
    for (const [a, b] of repeats) {
      expect(above(a)).not.toContain(keyOf(b));
      expect(above(b)).not.toContain(keyOf(a));
    }
    // "… for HR" and "… for marketing" are two pieces of work, however alike their words.
    const byWork = new Map<string, string>();
    let siblings = 0;
    for (const entry of entries) {
      if (entry.ticket.created < WINDOW_START) continue;
      const skeleton = entry.ticket.title.split(' ').slice(0, -1).join(' ');
      const seen = byWork.get(skeleton);
      if (seen !== undefined && seen !== entry.truth.work) siblings += 1;
      byWork.set(skeleton, entry.truth.work);
    }
    expect(siblings).toBeGreaterThan(0);
  });

  it('keeps near misses and already-linked duplicates out of the duplicate pairs', () => {
    const pairs = new Set(truth.duplicateWork.map((p) => [...p.items].sort().join(' ')));
    expect(controls.nearMisses.length).toBeGreaterThan(0);
    expect(controls.linkedDuplicates.length).toBeGreaterThan(0);
    for (const pair of [...controls.nearMisses, ...controls.linkedDuplicates]) {
      expect(pairs.has([...pair].sort().join(' ')), pair.join(' ')).toBe(false);
    }
    for (const [first, second] of controls.linkedDuplicates) {
      const t = get(second).ticket;
      expect(t.system === 'jira' && t.duplicateOf).toEqual([first]);
    }
  });

  it('plants duplicate-tool clusters: different teams, different tools, in the last four weeks', () => {
    expect(truth.duplicateTools.length).toBeGreaterThanOrEqual(5);
    for (const cluster of truth.duplicateTools) {
      expect(cluster.tools.length, cluster.capability).toBeGreaterThanOrEqual(2);
      const items = cluster.items.map(get);
      const { standard } = company.tools.find((c) => c.capability === cluster.capability)!;
      if (standard === null) {
        expect(new Set(items.map((e) => teamOf(e.ticket))).size, cluster.capability).toBeGreaterThanOrEqual(
          2,
        );
      }
      for (const { ticket } of items) expect(ticket.created).toBeGreaterThanOrEqual(WINDOW_START);
    }
  });

  it('never counts adopting the standard tool as a duplicate tool', () => {
    const standards = company.tools.filter((c) => c.standard !== null);
    expect(truth.duplicateTools.some((c) => standards.some((s) => s.capability === c.capability))).toBe(true);
    for (const cluster of truth.duplicateTools) {
      const { standard } = company.tools.find((c) => c.capability === cluster.capability)!;
      for (const ref of cluster.items) {
        const adopted = get(ref).truth.tags.flatMap((t) => (t.kind === 'tool' ? [t.tool] : []));
        expect(adopted, ref).not.toContain(standard);
      }
    }
  });

  it('leaves support tickets and one tool asked for by several teams out of the clusters', () => {
    const flagged = new Set(truth.duplicateTools.flatMap((c) => c.items));
    expect(controls.toolSupport.length).toBeGreaterThan(0);
    for (const { item } of controls.toolSupport) {
      const t = get(item).ticket;
      expect(t.system === 'servicenow' && t.table).toBe('incident');
      expect(flagged.has(item)).toBe(false);
    }
    expect(controls.sameToolRequests.length).toBeGreaterThan(0);
    for (const same of controls.sameToolRequests) {
      expect(new Set(same.items.map((r) => teamOf(get(r).ticket))).size).toBeGreaterThanOrEqual(2);
      for (const r of same.items) expect(flagged.has(r), r).toBe(false);
    }
  });

  it('finds request pressure where rank-and-file urgent requests move while top-two goal work waits', () => {
    expect(truth.requestPressure.length).toBeGreaterThanOrEqual(1);
    for (const { team, items, waiting } of truth.requestPressure) {
      expect(items.length).toBeGreaterThan(0);
      expect(waiting.length).toBeGreaterThan(0);
      for (const ref of items) {
        const { ticket: t, truth: own } = get(ref);
        expect(teamOf(t)).toBe(team);
        expect(executives.has(t.requesterId), ref).toBe(false);
        expect(t.priority).toBeLessThanOrEqual(2);
        expect(own.goal === 'none' || (rankOf(own.goal) ?? 0) > 2, ref).toBe(true);
        expect(active(t), ref).toBe(true);
      }
      for (const ref of waiting) {
        const { ticket: t, truth: own } = get(ref);
        expect(teamOf(t)).toBe(team);
        expect(t.status).toBe('todo');
        expect(rankOf(own.goal) ?? 99, ref).toBeLessThanOrEqual(2);
      }
    }
  });

  it('has control teams with waiting top-two goal work and urgent requests, but no pressure', () => {
    const pressured = new Set(truth.requestPressure.map((t) => t.team));
    expect(controls.controlTeams.length).toBeGreaterThan(0);
    for (const team of controls.controlTeams) {
      expect(pressured.has(team), team).toBe(false);
      const mine = entries.filter((e) => teamOf(e.ticket) === team);
      expect(mine.some((e) => e.ticket.status === 'todo' && (rankOf(e.truth.goal) ?? 99) <= 2)).toBe(true);
      expect(mine.some((e) => e.ticket.priority <= 2 && e.truth.goal === 'none')).toBe(true);
    }
  });
});

describe('ground truth at the smallest size', () => {
  it('still plants every structure', () => {
    const small: Pick<Company, 'groundTruth' | 'controls'> = generateCompany({
      seed: 5,
      size: 100,
      now: NOW,
    });
    const { groundTruth: t, controls: c } = small;
    expect(t.duplicateTools.length).toBeGreaterThanOrEqual(3);
    expect(t.duplicateWork.length).toBeGreaterThanOrEqual(3);
    expect(t.requestPressure.length).toBeGreaterThanOrEqual(1);
    expect(t.misaligned.length).toBeGreaterThan(0);
    expect(c.nearMisses.length).toBeGreaterThan(0);
    expect(c.linkedDuplicates.length).toBeGreaterThan(0);
    expect(c.controlTeams.length).toBeGreaterThan(0);
  });
});
