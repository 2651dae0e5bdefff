import { describe, expect, it } from 'vitest';
import { world } from './world.js';

// design.md, "What bearing writes": scores and flags come from the whole picture. A first cycle in
// which a Jira project could not be pulled analyses what it has, but writes nothing yet.
const SIZE = 120;
const w = world(13, SIZE);

describe('a first cycle in which a Jira project could not be pulled', () => {
  it('writes nothing and says it waits for that project; the next full cycle writes every ticket once', async () => {
    // The account loses read access after the first project's search.
    w.sandbox.jira.injector.setFaults([
      { endpoint: 'search', knobs: { errorRate: 1, errorStatuses: [403], afterRequests: 1 } },
    ]);
    const partial = await w.cycle();

    expect(partial.ok).toBe(false);
    expect(partial.sync?.some((s) => s.system === 'jira' && s.error)).toBe(true);
    expect(partial.analyze?.items).toBeGreaterThan(0);
    expect(partial.writeback).toBeUndefined();
    const waits = partial.failures.find((f) => f.startsWith('write-back waits until jira '));
    expect(waits, partial.failures.join('\n')).toMatch(/been pulled in full once/);
    expect(w.botWrites()).toBe(0);

    w.sandbox.jira.injector.setFaults([]);
    w.advance(15 * 60_000);
    const full = await w.cycle();

    expect(full.failures).toEqual([]);
    expect(full.writeback?.written).toBe(SIZE);
    expect(w.botWrites()).toBeGreaterThan(0);
  });
});
