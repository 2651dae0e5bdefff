import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../src/app/cycle.js';
import { createLogger } from '../../src/core/log.js';
import { world } from './world.js';

// End to end against the sandbox's loopback servers: what project managers see on their tickets.
const SIZE = 300;
const w = world(7, SIZE);
const cycle = (stages?: Stage[], dryRun = false) => w.cycle({ stages, dryRun });

describe('write-back against fake Jira and ServiceNow', () => {
  let scoredKey = '';

  it('writes score, goal and flags onto every ticket in the first cycle', async () => {
    const first = await cycle();
    expect(first.failures).toEqual([]);
    expect(first.writeback?.written).toBe(SIZE);
    const jiraItem = (await w.items({ source: 'jira' }))[0]!;
    scoredKey = jiraItem.key;
    const score = w.sandbox.jira.state.valueOf(scoredKey, 'Alignment Score');
    expect(typeof score).toBe('number');
    const snWrite = w.sandbox.servicenow.state.writes[0]!;
    expect(
      Object.keys(snWrite.body as object).every(
        (k) => k.startsWith('u_alignment_') || k === 'u_business_goal',
      ),
    ).toBe(true);
  });

  it('writes nothing in a second cycle when nothing changed', async () => {
    const before = w.botWrites();
    const second = await cycle();
    expect(second.failures).toEqual([]);
    expect(second.writeback?.written).toBe(0);
    expect(second.writeback?.unchanged).toBe(SIZE);
    expect(w.botWrites()).toBe(before);
  });

  it('puts back a score a human overwrote, once', async () => {
    const ours = w.sandbox.jira.state.valueOf(scoredKey, 'Alignment Score') as number;
    w.sandbox.jira.state.editAsHuman(scoredKey, { fields: { 'Alignment Score': ours === 100 ? 1 : 100 } });
    const third = await cycle();
    expect(third.writeback?.written).toBe(1);
    expect(third.writeback?.restored).toBe(1);
    expect(w.sandbox.jira.state.valueOf(scoredKey, 'Alignment Score')).toBe(ours);
    const fourth = await cycle();
    expect(fourth.writeback?.written).toBe(0);
  });

  it('shows the planned change in a dry run and writes nothing', async () => {
    const ours = w.sandbox.jira.state.valueOf(scoredKey, 'Alignment Score') as number;
    w.sandbox.jira.state.editAsHuman(scoredKey, { fields: { 'Alignment Score': ours === 100 ? 1 : 100 } });
    await cycle(['sync']);
    const before = w.botWrites();
    const dry = await cycle(['writeback'], true);
    expect(dry.writeback?.preview).toEqual([
      `${scoredKey} score: ${ours === 100 ? 1 : 100} → ${ours} (restoring an overwrite)`,
    ]);
    expect(w.botWrites()).toBe(before);
  });
});

describe('write-back after changes and failures', () => {
  it('rewrites an item whose content changed, once', async () => {
    const item = (await w.items({ source: 'jira' })).find((i) => i.priority >= 3 && i.status !== 'done')!;
    w.sandbox.jira.state.editAsHuman(item.key, { priority: 1, summary: `${item.title} (urgent)` });
    const writesTo = () => w.sandbox.jira.state.writes.filter((w) => w.key === item.key).length;
    const before = writesTo();
    const changed = await cycle();
    expect(changed.failures).toEqual([]);
    expect(writesTo()).toBeGreaterThan(before);
    const after = writesTo();
    const again = await cycle();
    expect(again.writeback?.written).toBe(0);
    expect(writesTo()).toBe(after);
  });

  it('retries a failed write next cycle while the other items are written', async () => {
    const jira = await w.items({ source: 'jira' });
    const refusedItem = jira.find((i) => i.scope === jira[0]!.scope)!;
    const writtenItem = jira.find((i) => i.scope !== refusedItem.scope)!;
    for (const item of [refusedItem, writtenItem]) {
      w.sandbox.jira.state.editAsHuman(item.key, { fields: { 'Alignment Score': 3 } });
    }
    // The service account loses edit rights on one project: its items fail one by one.
    w.sandbox.jira.state.setPermissions('bearing-bot', { editIssues: [writtenItem.scope] });
    const refused = await cycle();
    expect(refused.writeback).toMatchObject({ written: 1, failed: 1 });
    expect(w.sandbox.jira.state.valueOf(writtenItem.key, 'Alignment Score')).not.toBe(3);
    expect(w.sandbox.jira.state.valueOf(refusedItem.key, 'Alignment Score')).toBe(3);
    w.sandbox.jira.state.setPermissions('bearing-bot', { editIssues: true });
    const retried = await cycle();
    expect(retried.writeback).toMatchObject({ written: 1, failed: 0 });
    expect(w.sandbox.jira.state.valueOf(refusedItem.key, 'Alignment Score')).not.toBe(3);
  });
});

describe('write-back turned off', () => {
  it('writes nothing to either system and says so in the log', async () => {
    const jira = (await w.items({ source: 'jira' }))[0]!;
    const sn = (await w.items({ source: 'servicenow' }))[0]!;
    w.sandbox.jira.state.editAsHuman(jira.key, { fields: { 'Alignment Score': 2 } });
    w.sandbox.servicenow.state.editAsHuman(sn.scope, sn.id, { u_alignment_score: '2' });
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const before = w.botWrites();
    const off = await w.cycle({
      config: { ...w.config, writeback: { ...w.config.writeback, enabled: false } },
      log: createLogger({ level: 'info', destination }),
    });
    expect(off.failures).toEqual([]);
    expect(off.writeback).toBeUndefined();
    expect(w.botWrites()).toBe(before);
    expect(w.sandbox.jira.state.valueOf(jira.key, 'Alignment Score')).toBe(2);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain(
      'write-back is turned off (writeback.enabled: false)',
    );
  });
});
