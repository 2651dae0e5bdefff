import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { goalsFileSchema } from '../../model/index.js';
import type { SeedTicket } from '../seed.js';
import { DEFAULT_SIZE, generateCompany } from './index.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;

const hashOf = (tickets: Iterable<SeedTicket>): string => {
  const hash = createHash('sha256');
  for (const t of tickets) hash.update(`${JSON.stringify(t)}\n`);
  return hash.digest('hex');
};

const company = generateCompany({ seed: 42, size: DEFAULT_SIZE, now: NOW });
const tickets = [...company.tickets];

describe('generateCompany: determinism and size', () => {
  it('gives the same bytes for the same seed, size and now, and on a second pass', () => {
    const again = generateCompany({ seed: 42, size: DEFAULT_SIZE, now: NOW });
    const first = hashOf(tickets);
    expect(hashOf(again.tickets)).toBe(first);
    expect(hashOf(company.tickets)).toBe(first);
    expect(JSON.stringify(again.people)).toBe(JSON.stringify(company.people));
    expect(JSON.stringify(again.groundTruth)).toBe(JSON.stringify(company.groundTruth));
  });

  it('gives other tickets and people for another seed', () => {
    const other = generateCompany({ seed: 43, size: DEFAULT_SIZE, now: NOW });
    expect(hashOf(other.tickets)).not.toBe(hashOf(tickets));
    expect(other.people.map((p) => p.name)).not.toEqual(company.people.map((p) => p.name));
  });

  it.each([100, 101, 777, 5000])('generates exactly %i tickets', (size) => {
    let n = 0;
    for (const _ of generateCompany({ seed: 1, size, now: NOW }).tickets) n++;
    expect(n).toBe(size);
  });

  it('refuses sizes below 100 and a seed that is not an integer', () => {
    expect(() => generateCompany({ seed: 1, size: 99, now: NOW })).toThrow(/at least 100/);
    expect(() => generateCompany({ seed: 1.5, size: 100, now: NOW })).toThrow(/integer seed/);
  });
});

describe('generateCompany: goals and executives', () => {
  it('writes a goals file that validates, with targets and run at most 1', () => {
    expect(goalsFileSchema.safeParse(company.goals).success).toBe(true);
    const total = company.goals.goals.reduce((s, g) => s + g.target, 0) + company.goals.run.target;
    expect(total).toBeLessThanOrEqual(1);
    expect(company.goals.goals.length).toBeGreaterThanOrEqual(5);
    expect(company.goals.period).toBe('2026-Q4');
  });

  it('makes every sponsor an executive with that e-mail', () => {
    const executives = company.people.filter((p) => p.isExecutive);
    for (const goal of company.goals.goals) {
      expect(
        executives.map((p) => p.email),
        goal.id,
      ).toContain(goal.sponsor);
    }
  });

  it('names in its executives settings exactly the people marked executive', () => {
    const { emails, jiraAccountIds, jiraGroups, servicenow } = company.executives;
    const title = new RegExp(servicenow.titlePattern);
    for (const p of company.people) {
      const byJira =
        (p.email !== null && emails.includes(p.email)) ||
        jiraAccountIds.includes(p.jiraAccountId) ||
        p.jiraGroups.some((g) => jiraGroups.includes(g));
      const byServiceNow =
        (p.email !== null && emails.includes(p.email)) || (servicenow.vip && p.vip) || title.test(p.title);
      expect(byJira, p.title).toBe(p.isExecutive);
      expect(byServiceNow, p.title).toBe(p.isExecutive);
    }
  });

  it('has a realistic majority of rank-and-file staff, a few with hidden e-mail, and some vip executives', () => {
    const executives = company.people.filter((p) => p.isExecutive);
    expect(executives.length).toBeLessThan(company.people.length / 5);
    expect(executives.some((p) => p.vip)).toBe(true);
    expect(executives.some((p) => !p.vip)).toBe(true);
    expect(company.people.filter((p) => p.email === null).length).toBeGreaterThanOrEqual(2);
    expect(
      new Set(company.people.filter((p) => !p.isExecutive).map((p) => p.department)).size,
    ).toBeGreaterThan(5);
    const ids = company.people.flatMap((p) => [p.id, p.jiraAccountId, p.snSysId, p.email ?? `none-${p.id}`]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('files goal rules under projects, epics, groups and services its tickets use', () => {
    const used = new Set(
      tickets.flatMap((t) =>
        t.system === 'jira'
          ? [t.project, t.key, ...t.labels, ...t.components]
          : [t.assignmentGroup, t.businessService ?? ''],
      ),
    );
    for (const goal of company.goals.goals) {
      const { jira, servicenow } = goal.match;
      for (const name of [
        ...jira.projects,
        ...jira.labels,
        ...jira.components,
        ...jira.epics,
        ...servicenow.businessServices,
        ...servicenow.assignmentGroups,
      ]) {
        expect(used.has(name), `${goal.id}: ${name}`).toBe(true);
      }
    }
  });
});

describe('generateCompany: tickets', () => {
  const byKey = new Map(tickets.filter((t) => t.system === 'jira').map((t) => [t.key, t]));
  const byNumber = new Map(tickets.filter((t) => t.system === 'servicenow').map((t) => [t.number, t]));
  const people = new Set(company.people.map((p) => p.id));

  it('keeps statuses and dates consistent', () => {
    for (const t of tickets) {
      const where = t.system === 'jira' ? t.key : t.number;
      expect(t.status === 'done', where).toBe(t.resolved !== null);
      if (t.resolved !== null) expect(t.resolved, where).toBeGreaterThanOrEqual(t.created);
      expect(t.updated, where).toBeGreaterThanOrEqual(t.created);
      expect(t.updated, where).toBeLessThanOrEqual(NOW);
      if (t.resolved !== null) expect(t.updated, where).toBeGreaterThanOrEqual(t.resolved);
      if (t.status === 'doing') expect(t.updated, where).toBeGreaterThanOrEqual(NOW - 7 * DAY);
    }
  });

  it('spreads creation over at least ten weeks before now', () => {
    const created = tickets.map((t) => t.created);
    expect(NOW - Math.min(...created)).toBeGreaterThanOrEqual(70 * DAY);
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW);
    const weeks = new Set(created.map((c) => Math.floor((NOW - c) / (7 * DAY))));
    expect(weeks.size).toBeGreaterThanOrEqual(10);
  });

  it('mixes statuses and priorities the way a real backlog does', () => {
    const share = (pred: (t: SeedTicket) => boolean): number => tickets.filter(pred).length / tickets.length;
    expect(share((t) => t.status === 'done')).toBeGreaterThan(0.4);
    expect(share((t) => t.status === 'doing')).toBeGreaterThan(0.08);
    expect(share((t) => t.status === 'todo')).toBeGreaterThan(0.08);
    expect(share((t) => t.priority <= 2)).toBeLessThan(0.3);
    expect(share((t) => t.priority === 3)).toBeGreaterThan(0.3);
  });

  it('gives every ticket unique, well-formed identifiers', () => {
    const jira = tickets.filter((t) => t.system === 'jira');
    const sn = tickets.filter((t) => t.system === 'servicenow');
    expect(new Set(jira.map((t) => t.key)).size).toBe(jira.length);
    expect(new Set(jira.map((t) => t.id)).size).toBe(jira.length);
    expect(new Set(sn.map((t) => t.number)).size).toBe(sn.length);
    expect(new Set(sn.map((t) => t.sysId)).size).toBe(sn.length);
    for (const t of jira) expect(t.key).toMatch(new RegExp(`^${t.project}-\\d+$`));
    for (const t of sn) {
      expect(t.number).toMatch(/^(INC|RITM|CHG|PRJ|DMND)\d{7}$/);
      expect(t.sysId).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(byNumber.has('INC0010001')).toBe(true);
  });

  it('refers only to people, epics, parents, demands and duplicates that exist, created earlier', () => {
    for (const t of tickets) {
      expect(people.has(t.requesterId)).toBe(true);
      if (t.assigneeId !== null) expect(people.has(t.assigneeId)).toBe(true);
      if (t.system === 'jira') {
        if (t.epicKey !== null) expect(byKey.get(t.epicKey)?.issueType, t.key).toBe('Epic');
        if (t.parentKey !== null) {
          const parent = byKey.get(t.parentKey);
          expect(t.issueType, t.key).toBe('Sub-task');
          expect(parent?.created, t.key).toBeLessThanOrEqual(t.created);
        }
        for (const d of t.duplicateOf) expect(byKey.has(d), t.key).toBe(true);
      } else if (t.table === 'pm_project' && t.parentNumber !== null) {
        expect(byNumber.get(t.parentNumber)?.table, t.number).toBe('dmn_demand');
      } else if (t.table === 'sc_req_item') {
        expect(t.parentNumber, t.number).toMatch(/^REQ\d{7}$/);
      }
    }
  });

  it('has epics, stories, tasks, bugs and sub-tasks, and every ServiceNow table', () => {
    const kinds = new Set(tickets.map((t) => (t.system === 'jira' ? t.issueType : t.table)));
    for (const k of [
      'Epic',
      'Story',
      'Task',
      'Bug',
      'Sub-task',
      'incident',
      'sc_req_item',
      'change_request',
      'pm_project',
      'dmn_demand',
    ]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    expect(
      new Set(tickets.flatMap((t) => (t.system === 'jira' ? [t.project] : []))).size,
    ).toBeGreaterThanOrEqual(4);
  });

  it('estimates most Jira work in story points and some in time, and records ServiceNow hours', () => {
    const work = tickets.filter(
      (t) => t.system === 'jira' && t.issueType !== 'Epic' && t.issueType !== 'Sub-task',
    );
    const pointed = work.filter((t) => t.system === 'jira' && t.storyPoints !== null).length;
    const timed = work.filter((t) => t.system === 'jira' && t.originalEstimateSeconds !== null).length;
    expect(pointed / work.length).toBeGreaterThan(0.5);
    expect(timed).toBeGreaterThan(0);
    const doneSn = tickets.filter((t) => t.system === 'servicenow' && t.status === 'done');
    expect(doneSn.every((t) => t.system === 'servicenow' && t.hours !== null && t.hours > 0)).toBe(true);
  });

  it('derives ServiceNow priority from impact and urgency', () => {
    for (const t of tickets) {
      if (t.system === 'servicenow') expect(t.priority, t.number).toBe(t.impact + t.urgency - 1);
    }
  });

  it('leaves only work nobody picked up unassigned', () => {
    for (const t of tickets) if (t.status !== 'todo') expect(t.assigneeId).not.toBeNull();
  });
});
