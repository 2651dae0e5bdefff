import type { GoalsFile, GoalTag, MappingSettings, WorkItem } from '../model/index.js';
import { Columns, KIND_CODE } from './columns.js';
import { NONE, RULE, RUN_RULE, type Engine } from './engine.js';
import { rankGoals } from './goals.js';
import { tagOf } from './reasons.js';
import { linkParents, resolveAll } from './resolve.js';
import { RuleMatcher } from './rules.js';
import { RuleSentences } from './sentences.js';
import { TextRelevance, type TextMatch } from './text/relevance.js';

/**
 * Tags work items with the goal they serve. Precedence (design.md, "Definitions"):
 *
 * 1. **Run rules** (`run.match`: kinds, labels, ServiceNow tables, categories, business services)
 *    win over everything: an incident on the Online Store is run work.
 * 2. **Goal rules** (`goals[].match`, case-insensitive). When rules point to different goals, the
 *    strongest kind of rule wins (by default epic > component > label > Jira project, and business
 *    service > assignment group > category; see `confidence.goalRules`), then the better-ranked
 *    goal; the other goal is kept as the runner-up.
 * 3. **Inheritance.** An item with no rule of its own takes the goal of its epic, else of its
 *    parent (a ServiceNow request item its request, a project its demand), through any chain;
 *    a cycle is cut where it closes. Confidence shrinks by `confidence.inheritance` per link.
 * 4. **Text relevance** (`TextRelevance`) at or above `relevanceThreshold`.
 * 5. Otherwise `none`.
 *
 * A goal that a parent only guessed from its text is inherited only when the item's own text
 * finds no goal: between two guesses, the item's own words are the better one.
 *
 * The runner-up is the next goal at the evidence level that decided: a competing rule for a rule
 * tag (an item with rules of its own has its text left unread), the item's own text or its other
 * parent for an inherited tag, the second most relevant goal for a text tag, and the nearest goal
 * for `none`.
 */
export interface GoalMapper {
  /** Tags a batch held in memory (both passes); the result is keyed by item uid. */
  mapItems(items: readonly WorkItem[]): Map<string, GoalTag>;
  /**
   * Starts a two-pass mapping for item sets too large to hold: add every item (pass 1 keeps a few
   * numbers per item), `resolve()`, then ask for each item's tag (pass 2). Parents may be added
   * after their children.
   */
  createIndex(): MappingIndex;
}

export interface MappingIndex {
  /** Pass 1: records the item's own evidence and links. Add each ref once. */
  add(item: WorkItem): void;
  /** Resolves inheritance for every item added; the index takes no more items afterwards. */
  resolve(): ResolvedMapping;
  /** Items added so far. */
  readonly count: number;
}

export interface ResolvedMapping {
  /** Pass 2: the tag of an item that was added, with its reasons. */
  tag(item: WorkItem): GoalTag;
}

const NO_TEXT: TextMatch = { best: -1, bestRelevance: 0, second: -1, secondRelevance: 0 };

export function createGoalMapper(
  goalsFile: Pick<GoalsFile, 'goals' | 'run'>,
  settings: MappingSettings,
): GoalMapper {
  const goals = rankGoals(goalsFile);
  const rules = new RuleMatcher(goals, goalsFile.run, settings.confidence);
  const text = new TextRelevance(goals.list, settings.text);
  const engine: Engine = { goals, rules, text, settings, sentences: new RuleSentences(rules.rules, goals) };
  return {
    createIndex: () => createIndex(engine),
    mapItems(items) {
      const index = createSlotIndex(engine);
      const slots = new Int32Array(items.length);
      items.forEach((item, i) => (slots[i] = index.add(item)));
      index.resolve();
      return new Map(items.map((item, i) => [item.uid, index.tag(slots[i], item)]));
    },
  };
}

function createIndex(engine: Engine): MappingIndex {
  const index = createSlotIndex(engine);
  let resolved = false;
  let refSlots: Map<string, number> | null = null;
  let cursor = 0;
  // Pass 2 usually reads the items in pass 1's order: then the next slot is the item's, with no
  // lookup. Out of order, a ref → slot map is built once.
  const slotOf = (ref: string): number | undefined => {
    if (index.refs[cursor] === ref) return cursor++;
    refSlots ??= new Map(index.refs.map((r, slot) => [r, slot]));
    const slot = refSlots.get(ref);
    if (slot !== undefined) cursor = slot + 1;
    return slot;
  };
  return {
    get count() {
      return index.refs.length;
    },
    add(item) {
      if (resolved) throw new Error('the mapping index is resolved; start a new index to add items');
      index.add(item);
    },
    resolve() {
      resolved = true;
      index.resolve();
      return { tag: (item) => index.tag(slotOf(item.ref), item) };
    },
  };
}

/** The index by slot, so a batch can keep each item's slot instead of looking its ref up. */
interface SlotIndex {
  /** Ref of each slot. */
  readonly refs: readonly string[];
  /** Records the item; returns its slot. */
  add(item: WorkItem): number;
  resolve(): void;
  tag(slot: number | undefined, item: WorkItem): GoalTag;
}

function createSlotIndex(engine: Engine): SlotIndex {
  const { rules, text, settings } = engine;
  const c = new Columns();
  const refs: string[] = [];
  // Parent refs until `resolve()` turns them into slots (a parent may come after its child).
  let epicRefs: (string | null)[] = [];
  let parentRefs: (string | null)[] = [];

  return {
    refs,
    add(item) {
      const s = c.allocate();
      refs.push(item.ref);
      epicRefs.push(item.epic !== item.ref ? item.epic : null);
      parentRefs.push(item.parent !== item.ref ? item.parent : null);
      c.kind[s] = KIND_CODE[item.kind];
      const verdict = rules.decide(rules.match(item), settings.confidence.conflict);
      c.ownTarget[s] = verdict.target;
      c.ownSource[s] = verdict.target < 0 ? NONE : verdict.target === engine.goals.run ? RUN_RULE : RULE;
      c.ownConfidence[s] = verdict.confidence;
      c.ownRule[s] = verdict.decisive;
      // An item with rules of its own never falls back to its text: skip reading it.
      const match = verdict.target < 0 ? text.match(item) : NO_TEXT;
      c.textBest[s] = match.best;
      c.textRelevance[s] = match.bestRelevance;
      c.textSecond[s] = match.second;
      c.textSecondRelevance[s] = match.secondRelevance;
      return s;
    },
    resolve() {
      linkParents(c, refs, epicRefs, parentRefs);
      epicRefs = [];
      parentRefs = [];
      resolveAll(c, settings);
    },
    tag: (slot, item) => tagOf(engine, c, refs, slot, item),
  };
}
