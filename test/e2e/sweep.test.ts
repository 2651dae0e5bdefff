import { describe, expect, it } from 'vitest';
import { ANALYSIS_RUN, type Stage } from '../../src/app/cycle.js';
import type { WorkItem } from '../../src/model/index.js';
import { world, type World } from './world.js';

// A ticket deleted upstream, end to end: fakes on loopback, deletions through their HTTP APIs, and a
// clock (shared by bearing and the fakes) that jumps the way a schedule does.
const SIZE = 120;
const HOUR = 3_600_000;
type Cycle = Awaited<ReturnType<World['cycle']>>;

/** Deletes the issue and the record through the fakes' HTTP APIs; the two response statuses. */
async function deleteUpstream(w: World, issue: WorkItem, record: WorkItem): Promise<number[]> {
  const jiraAuth = `Basic ${Buffer.from(`${w.sandbox.jira.auth.email}:${w.sandbox.jira.auth.token}`).toString('base64')}`;
  const snAuth = `Basic ${Buffer.from(`${w.sandbox.servicenow.auth.user}:${w.sandbox.servicenow.auth.password}`).toString('base64')}`;
  const deletedIssue = await fetch(`${w.sandbox.jira.url}/rest/api/3/issue/${issue.key}`, {
    method: 'DELETE',
    headers: { authorization: jiraAuth },
  });
  const deletedRecord = await fetch(
    `${w.sandbox.servicenow.url}/api/now/table/${record.scope}/${record.id}`,
    {
      method: 'DELETE',
      headers: { authorization: snAuth },
    },
  );
  return [deletedIssue.status, deletedRecord.status];
}

/** Items the cycle's sweeps marked deleted (or live again) in Jira and in ServiceNow. */
const sweepCounts = (run: Cycle, count: 'deleted' | 'restored'): number[] =>
  (['jira', 'servicenow'] as const).map((system) =>
    (run.sync ?? []).filter((s) => s.system === system).reduce((n, s) => n + (s.sweep?.[count] ?? 0), 0),
  );

describe('a ticket deleted in Jira or ServiceNow', () => {
  const w = world(11, SIZE);
  const cycle = (stages?: Stage[]) => w.cycle({ stages });

  it('is no longer analysed or written once the daily sweep has seen it gone', async () => {
    const first = await cycle();
    expect(first.failures).toEqual([]);
    expect(first.writeback?.written).toBe(SIZE);

    const items = await w.items();
    const issue = items.find((i) => i.source === 'jira')!;
    const record = items.find((i) => i.source === 'servicenow')!;
    // People overwrite bearing's score on both, and bearing's next analysis wants it back…
    w.sandbox.jira.state.editAsHuman(issue.key, { fields: { 'Alignment Score': 1 } });
    w.sandbox.servicenow.state.editAsHuman(record.scope, record.id, { u_alignment_score: '1' });
    w.advance(20 * 60_000);
    expect((await cycle(['sync', 'analyze'])).failures).toEqual([]);
    const staleAnalysis = (await w.store.lastRun(ANALYSIS_RUN, 'succeeded'))!.id;
    expect(await w.store.getScore(staleAnalysis, issue.uid)).not.toBeNull();

    // …then both are deleted upstream.
    expect(await deleteUpstream(w, issue, record)).toEqual([204, 204]);

    // Within the day nothing sweeps: the stored tickets stay live.
    w.advance(HOUR);
    const early = await cycle(['sync']);
    expect(early.sync?.some((s) => s.sweep)).toBe(false);
    expect(await w.store.countItems()).toBe(SIZE);

    w.advance(24 * HOUR);
    const swept = await cycle(['sync']);
    expect(swept.failures).toEqual([]);
    expect(sweepCounts(swept, 'deleted')).toEqual([1, 1]);
    expect(await w.store.countItems()).toBe(SIZE - 2);

    // The analysis from before the sweep still scores both; write-back leaves them alone anyway.
    const writesBefore = w.botWrites();
    const fromStale = await cycle(['writeback']);
    expect(fromStale.failures).toEqual([]);
    expect(fromStale.writeback).toMatchObject({ planned: 0, failed: 0 });
    expect(w.botWrites()).toBe(writesBefore);

    const next = await cycle();
    expect(next.failures).toEqual([]);
    expect(next.analyze?.items).toBe(SIZE - 2);
    const analysis = (await w.store.lastRun(ANALYSIS_RUN, 'succeeded'))!.id;
    expect(await w.store.getScore(analysis, issue.uid)).toBeNull();
    expect(await w.store.getScore(analysis, record.uid)).toBeNull();
    // Removing two tickets may move other scores (duplicates, pressure); those are written, no more.
    expect(next.writeback?.failed).toBe(0);
    expect((next.writeback?.planned ?? 0) + (next.writeback?.unchanged ?? 0)).toBe(SIZE - 2);
  });
});

describe('a ticket restored in Jira or ServiceNow after a sweep marked it deleted', () => {
  const w = world(12, SIZE);
  const cycle = (stages?: Stage[]) => w.cycle({ stages });

  it('is analysed and written again once the next daily sweep lists it, though it was not edited', async () => {
    expect((await cycle()).failures).toEqual([]);
    const items = await w.items();
    const issue = items.find((i) => i.source === 'jira')!;
    const record = items.find((i) => i.source === 'servicenow')!;
    const issueAsItWas = w.sandbox.jira.state.issue(issue.key)!;
    const recordAsItWas = { ...w.sandbox.servicenow.state.storeOf(record.scope).get(record.id)! };
    expect(await deleteUpstream(w, issue, record)).toEqual([204, 204]);

    w.advance(25 * 3_600_000);
    const swept = await cycle(['sync']);
    expect(swept.failures).toEqual([]);
    expect(sweepCounts(swept, 'deleted')).toEqual([1, 1]);
    expect(await w.store.countItems()).toBe(SIZE - 2);

    // Both come back as they were: same ids, `updated` unmoved, so no incremental pull brings them.
    w.sandbox.jira.state.restoreIssue(issueAsItWas);
    w.sandbox.servicenow.state.insert(record.scope, recordAsItWas);
    w.advance(HOUR);
    const pulled = await cycle(['sync']);
    expect(pulled.sync?.some((s) => s.sweep)).toBe(false);
    expect(await w.store.countItems()).toBe(SIZE - 2);

    w.advance(24 * HOUR);
    const next = await cycle();
    expect(next.failures).toEqual([]);
    expect(sweepCounts(next, 'restored')).toEqual([1, 1]);
    expect(sweepCounts(next, 'deleted')).toEqual([0, 0]);
    expect(await w.store.countItems()).toBe(SIZE);
    expect(next.analyze?.items).toBe(SIZE);
    const analysis = (await w.store.lastRun(ANALYSIS_RUN, 'succeeded'))!.id;
    expect(await w.store.getScore(analysis, issue.uid)).not.toBeNull();
    expect(await w.store.getScore(analysis, record.uid)).not.toBeNull();
    expect(next.writeback?.failed).toBe(0);
    expect((next.writeback?.planned ?? 0) + (next.writeback?.unchanged ?? 0)).toBe(SIZE);
  });
});
