import type { MappingSettings } from '../model/index.js';
import type { Columns } from './columns.js';
import { BY_RULE, BY_TEXT, INHERITED, NONE, TEXT } from './engine.js';
import { lowered } from './rules.js';

const NEW = 0;
const VISITING = 1;
const DONE = 2;

/**
 * Turns parent refs into slots. Only refs that some item points to go into the lookup, so it
 * stays small (epics, requests, demands), not one entry per item. A ref added twice: the last wins.
 */
export function linkParents(
  c: Columns,
  refs: readonly string[],
  epicRefs: readonly (string | null)[],
  parentRefs: readonly (string | null)[],
): void {
  const wanted = new Set<string>();
  for (const ref of epicRefs) if (ref !== null) wanted.add(ref);
  for (const ref of parentRefs) if (ref !== null) wanted.add(ref);
  const slotOf = new Map<string, number>();
  refs.forEach((ref, slot) => {
    if (wanted.has(ref)) slotOf.set(ref, slot);
  });
  for (let s = 0; s < c.size; s++) {
    const epic = epicRefs[s] ?? null;
    const parent = parentRefs[s] ?? null;
    c.epic[s] = epic === null ? -1 : (slotOf.get(epic) ?? -1);
    c.parent[s] = parent === null ? -1 : (slotOf.get(parent) ?? -1);
  }
}

/** Decides every item's final goal; parents first, iteratively (chains can be long). */
export function resolveAll(c: Columns, settings: MappingSettings): void {
  const stack: number[] = [];
  for (let root = 0; root < c.size; root++) {
    if (c.state[root] !== NEW) continue;
    stack.push(root);
    while (stack.length > 0) {
      const s = stack[stack.length - 1] ?? 0;
      if (c.state[s] === DONE) {
        stack.pop();
      } else if (c.state[s] === NEW && c.ownSource[s] !== NONE) {
        settle(c, s, c.ownTarget[s] ?? -1, c.ownConfidence[s] ?? 0, c.ownSource[s] ?? NONE, BY_RULE, -1, s);
        stack.pop();
      } else if (c.state[s] === NEW) {
        c.state[s] = VISITING;
        for (const link of links(c, s)) if (c.state[link] === NEW) stack.push(link);
      } else {
        inheritOrGuess(c, s, settings);
        stack.pop();
      }
    }
  }
}

/** Epic first, then parent (a parent that was never added has no slot). */
export function links(c: Columns, s: number): number[] {
  const result: number[] = [];
  for (const link of [c.epic[s] ?? -1, c.parent[s] ?? -1]) if (link >= 0) result.push(link);
  return result;
}

/** A settled link that passes a goal resting on `backing` (a link still being visited closes a cycle). */
function donor(c: Columns, s: number, backing: number): number {
  for (const link of links(c, s)) {
    if (c.state[link] === DONE && (c.goal[link] ?? -1) >= 0 && c.backing[link] === backing) return link;
  }
  return -1;
}

function inheritOrGuess(c: Columns, s: number, settings: MappingSettings): void {
  const decay = settings.confidence.inheritance;
  const inherit = (link: number): void =>
    settle(
      c,
      s,
      c.goal[link] ?? -1,
      (c.confidence[link] ?? 0) * decay,
      INHERITED,
      c.backing[link] ?? 0,
      link,
      c.origin[link] ?? link,
    );
  const fromRule = donor(c, s, BY_RULE);
  if (fromRule >= 0) return inherit(fromRule);
  if ((c.textRelevance[s] ?? 0) >= settings.relevanceThreshold) {
    return settle(c, s, c.textBest[s] ?? -1, textConfidence(c, s, settings), TEXT, BY_TEXT, -1, s);
  }
  const fromText = donor(c, s, BY_TEXT);
  if (fromText >= 0) return inherit(fromText);
  settle(c, s, -1, 0, NONE, 0, -1, s);
}

function settle(
  c: Columns,
  s: number,
  goal: number,
  confidence: number,
  source: number,
  backing: number,
  via: number,
  origin: number,
): void {
  c.goal[s] = goal;
  c.confidence[s] = confidence;
  c.source[s] = source;
  c.backing[s] = backing;
  c.via[s] = via;
  c.origin[s] = origin;
  c.state[s] = DONE;
}

/** Relevance × the text ceiling, lowered when a second goal is nearly as relevant. */
function textConfidence(c: Columns, s: number, settings: MappingSettings): number {
  const best = c.textRelevance[s] ?? 0;
  const second = c.textSecondRelevance[s] ?? 0;
  const { text, conflict } = settings.confidence;
  return lowered(text * best, text * second, conflict);
}
