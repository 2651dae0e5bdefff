import { describe, expect, it } from 'vitest';
import { plantCounts } from '../plants/index.js';
import { WORK_TOPICS } from './duplicates.js';

describe('duplicate-work topics', () => {
  it('have at least two phrasings of the same work and a near miss that differs', () => {
    for (const topic of WORK_TOPICS) {
      expect(topic.same.length, topic.id).toBeGreaterThanOrEqual(2);
      expect(
        topic.same.map((p) => p.title),
        topic.id,
      ).not.toContain(topic.near.title);
      expect(topic.jira.length + topic.sn.length, topic.id).toBeGreaterThan(0);
    }
  });

  it('name a different entity for every occurrence up to the entity count', () => {
    for (const topic of WORK_TOPICS) {
      const n = Math.min(topic.entities, 3000);
      const keys = new Set(Array.from({ length: n }, (_, j) => JSON.stringify(topic.entity(j))));
      expect(keys.size, topic.id).toBe(n);
    }
  });

  it('have room for every pair planted in a company of a million tickets', () => {
    const c = plantCounts(1_000_000);
    const uses = 3 * c.duplicatePairs + c.nearMisses + c.linkedDuplicates;
    const perTopic = Math.ceil(uses / WORK_TOPICS.length);
    for (const topic of WORK_TOPICS) expect(topic.entities, topic.id).toBeGreaterThanOrEqual(perTopic);
  });
});
