import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.js';

describe('TopK', () => {
  it('keeps the ids with the highest scores', () => {
    const score = Float32Array.from([5, 1, 9, 3, 7, 2]);
    const top = new TopK(3, score);
    for (let id = 0; id < score.length; id += 1) top.offer(id);
    expect([...top.ids()].sort()).toEqual([0, 2, 4]);
  });

  it('keeps everything offered when there is room, and empties on clear', () => {
    const score = Float32Array.from([1, 2]);
    const top = new TopK(5, score);
    top.offer(1);
    top.offer(0);
    expect([...top.ids()].sort()).toEqual([0, 1]);
    top.clear();
    expect(top.ids()).toHaveLength(0);
  });

  it('keeps the id offered first among equal scores', () => {
    const score = Float32Array.from([4, 4, 4]);
    const top = new TopK(1, score);
    for (let id = 0; id < score.length; id += 1) top.offer(id);
    expect([...top.ids()]).toEqual([0]);
  });
});
