import type { Random } from '../random.js';
import { DAY } from '../timeline.js';
import { anchors } from './anchors.js';
import { bigMisaligned } from './misaligned.js';
import type { PlanOptions, PlantSpec } from './common.js';
import { plantCounts } from './counts.js';
import { duplicateWork } from './duplicate-work.js';
import { requestPressure } from './request-pressure.js';
import { sameToolRequests, supportMentions, toolClusters } from './tools.js';

/**
 * The planted structures: what bearing must find (duplicate tools, duplicate work, request
 * pressure, large unaligned work) and what it must leave alone (a tool's support tickets, one
 * tool bought by two teams, near misses, duplicates already linked, a control team). Planned up
 * front with their creation times; each is written when the stream reaches that time.
 */
export function planPlants(rng: Random, options: PlanOptions): PlantSpec[] {
  const { size, tl } = options;
  const plants: PlantSpec[] = [];
  const counts = plantCounts(size);
  const daysAgo = (fromDays: number, toDays: number): number =>
    Math.floor((tl.now - rng.between(fromDays, toDays) * DAY) / 1000) * 1000;

  anchors(plants, options);
  toolClusters(plants, rng, counts, daysAgo);
  sameToolRequests(plants, rng, counts, daysAgo);
  supportMentions(plants, rng, counts, daysAgo);
  duplicateWork(plants, rng, counts, tl, daysAgo);
  requestPressure(plants, rng, counts, daysAgo);
  bigMisaligned(plants, rng, counts, daysAgo);

  return plants.sort((a, b) => a.created - b.created);
}
