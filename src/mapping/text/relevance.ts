import type { Goal, MappingSettings } from '../../model/index.js';
import { stem } from './stem.js';
import { GOAL_NAME_FILLER, STOP_WORDS } from './stop-words.js';
import { OTHER, SKIP, splitWords, WordCoder } from './words.js';

/** A goal keyword (one word or a phrase), or a word of a goal's name, that items can mention. */
interface Feature {
  /** As written in goals.yaml, lower-cased: what reasons quote. */
  display: string;
  /** Goals the feature belongs to, with its weight for each. */
  goals: { goal: number; weight: number }[];
}

/** The text evidence of one item: the two most relevant goals (index into the goal list, or -1). */
export interface TextMatch {
  best: number;
  bestRelevance: number;
  second: number;
  secondRelevance: number;
}

/** What an item's text said about one goal: the goal's words it mentions, most telling first. */
export interface TextMention {
  goal: number;
  relevance: number;
  words: string[];
}

const TITLE = 0;
const TEXT = 1;

/**
 * Text relevance of items to goals, BM25F-style. Each goal is a query of its keywords (weight 1)
 * and the words of its name (`nameWeight`); a multi-word keyword ("point of sale") counts only as
 * the phrase. An item is a document of two fields, title and text:
 *
 *   tf'(w)   = Σ_field fieldWeight × tf(w, field) / (1 − b + b × fieldWords / typicalFieldWords)
 *   score(g) = Σ_{w ∈ g} weight(w, g) × tf'(w) / (tf'(w) + k1)
 *   relevance(g) = score / (score + halfRelevance)            (0 … 1)
 *
 * A word that several goals share counts `1 / goals sharing it` for each: it cannot tell them
 * apart. Corpus statistics (idf, average lengths) are deliberately not used: an item's tag must
 * not change because other items were created, and a goal whose words are everywhere (the
 * company's main business) must not lose relevance for being popular.
 */
export class TextRelevance {
  private readonly settings: MappingSettings['text'];
  private readonly goalCount: number;
  private readonly vocabulary = new Map<string, number>();
  private readonly features: Feature[] = [];
  /** Phrase trie over vocabulary ids: node → children; node → feature ending there (or -1). */
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly terminal: number[] = [-1];
  private readonly coder: WordCoder;
  // Per-item scratch, reset after each item.
  private readonly tf: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private titleNorm = 1;
  private textNorm = 1;
  private readonly goalScore: Float64Array;
  private active: Int32Array;
  private next: Int32Array;

  constructor(goals: readonly Pick<Goal, 'name' | 'keywords'>[], settings: MappingSettings['text']) {
    this.settings = settings;
    this.goalCount = goals.length;
    const weights = new Map<string, Map<number, number>>();
    const displays = new Map<string, string>();
    const add = (stems: string[], display: string, goal: number, weight: number): void => {
      if (stems.length === 0) return;
      const key = stems.join(' ');
      if (!displays.has(key)) displays.set(key, display);
      const perGoal = weights.get(key) ?? new Map<number, number>();
      perGoal.set(goal, Math.max(perGoal.get(goal) ?? 0, weight));
      weights.set(key, perGoal);
    };
    goals.forEach((goal, g) => {
      for (const keyword of goal.keywords) add(stems(keyword, STOP_WORDS), keyword.toLowerCase(), g, 1);
      // Numbers in a name are dates and counts ("by end of 2027"), not topics.
      for (const word of splitWords(goal.name).filter((w) => !/^\d+$/.test(w))) {
        add(stems(word, STOP_WORDS, GOAL_NAME_FILLER), word, g, settings.nameWeight);
      }
    });
    for (const [key, perGoal] of weights) {
      const feature = this.features.length;
      this.features.push({
        display: displays.get(key) ?? key,
        goals: [...perGoal].map(([goal, weight]) => ({ goal, weight: weight / perGoal.size })),
      });
      this.insert(key.split(' '), feature);
    }
    this.coder = new WordCoder((word) => this.classify(word));
    this.tf = new Float64Array(this.features.length * 2);
    this.touched = new Int32Array(this.features.length);
    this.goalScore = new Float64Array(goals.length);
    const longest = Math.max(1, ...[...weights.keys()].map((k) => k.split(' ').length));
    this.active = new Int32Array(longest + 1);
    this.next = new Int32Array(longest + 1);
  }

  /** The two goals an item's title and text are most relevant to. */
  match(item: { title: string; text: string }): TextMatch {
    const goals = this.scoreItem(item);
    let best = -1;
    let second = -1;
    for (let g = 0; g < this.goalCount; g++) {
      const s = goals[g] ?? 0;
      if (s <= 0) continue;
      if (best < 0 || s > (goals[best] ?? 0)) {
        second = best;
        best = g;
      } else if (second < 0 || s > (goals[second] ?? 0)) second = g;
    }
    const result: TextMatch = {
      best,
      bestRelevance: best < 0 ? 0 : this.relevance(goals[best] ?? 0),
      second,
      secondRelevance: second < 0 ? 0 : this.relevance(goals[second] ?? 0),
    };
    this.reset();
    return result;
  }

  /** What the item's text says about each goal it mentions, for reasons (slower than `match`). */
  mentions(item: { title: string; text: string }): TextMention[] {
    const goals = this.scoreItem(item);
    const perGoal = new Map<number, { word: string; part: number }[]>();
    for (let t = 0; t < this.touchedCount; t++) {
      const f = this.touched[t] ?? 0;
      const feature = this.features[f];
      if (!feature) continue;
      for (const { goal, weight } of feature.goals) {
        const list = perGoal.get(goal) ?? [];
        list.push({ word: feature.display, part: weight * this.saturated(f) });
        perGoal.set(goal, list);
      }
    }
    const result = [...perGoal].map(([goal, words]) => ({
      goal,
      relevance: this.relevance(goals[goal] ?? 0),
      words: words.sort((a, b) => b.part - a.part || a.word.localeCompare(b.word)).map((w) => w.word),
    }));
    this.reset();
    return result.sort((a, b) => b.relevance - a.relevance || a.goal - b.goal);
  }

  private relevance(score: number): number {
    return score / (score + this.settings.halfRelevance);
  }

  /** Fills the scratch arrays for one item and returns the raw score per goal. */
  private scoreItem(item: { title: string; text: string }): Float64Array {
    const s = this.settings;
    const titleWords = this.scanField(item.title, TITLE, item.title.length);
    const textWords = this.scanField(item.text, TEXT, s.maxTextChars);
    this.titleNorm = 1 - s.b + (s.b * titleWords) / s.titleWords;
    this.textNorm = 1 - s.b + (s.b * textWords) / s.textWords;
    for (let t = 0; t < this.touchedCount; t++) {
      const f = this.touched[t] ?? 0;
      const sat = this.saturated(f);
      for (const { goal, weight } of this.features[f]?.goals ?? []) {
        this.goalScore[goal] = (this.goalScore[goal] ?? 0) + weight * sat;
      }
    }
    return this.goalScore;
  }

  private saturated(f: number): number {
    const s = this.settings;
    const tf =
      (s.titleWeight * (this.tf[f * 2 + TITLE] ?? 0)) / this.titleNorm +
      (s.textWeight * (this.tf[f * 2 + TEXT] ?? 0)) / this.textNorm;
    return tf / (tf + s.k1);
  }

  /** Counts feature occurrences in one field; returns the field's length in words. */
  private scanField(text: string, field: number, limit: number): number {
    const n = this.coder.code(text, limit);
    const codes = this.coder.codes;
    let activeCount = 0;
    for (let k = 0; k < n; k++) {
      const code = codes[k] ?? OTHER;
      if (code < 0) {
        activeCount = 0;
        continue;
      }
      // Walk every phrase in progress one word further, and start new ones at the root.
      let nextCount = 0;
      for (let a = 0; a <= activeCount; a++) {
        const from = a === activeCount ? 0 : (this.active[a] ?? 0);
        const node = this.children[from]?.get(code);
        if (node === undefined) continue;
        const feature = this.terminal[node] ?? -1;
        if (feature >= 0) this.count(feature, field);
        if ((this.children[node]?.size ?? 0) > 0 && nextCount < this.next.length)
          this.next[nextCount++] = node;
      }
      const swap = this.active;
      this.active = this.next;
      this.next = swap;
      activeCount = nextCount;
    }
    return n;
  }

  private count(feature: number, field: number): void {
    const i = feature * 2;
    if ((this.tf[i] ?? 0) === 0 && (this.tf[i + 1] ?? 0) === 0) this.touched[this.touchedCount++] = feature;
    this.tf[i + field] = (this.tf[i + field] ?? 0) + 1;
  }

  private reset(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const f = this.touched[t] ?? 0;
      this.tf[f * 2] = 0;
      this.tf[f * 2 + 1] = 0;
    }
    this.touchedCount = 0;
    this.goalScore.fill(0);
  }

  private classify(word: string): number {
    if (word.length < 2 || STOP_WORDS.has(word)) return SKIP;
    return this.vocabulary.get(stem(word)) ?? OTHER;
  }

  private insert(stemsOfFeature: string[], feature: number): void {
    let node = 0;
    for (const stem of stemsOfFeature) {
      let id = this.vocabulary.get(stem);
      if (id === undefined) {
        id = this.vocabulary.size;
        this.vocabulary.set(stem, id);
      }
      const children = this.children[node] ?? new Map<number, number>();
      let child = children.get(id);
      if (child === undefined) {
        child = this.children.length;
        this.children.push(new Map());
        this.terminal.push(-1);
        children.set(id, child);
      }
      node = child;
    }
    this.terminal[node] = feature;
  }
}

/** Stems of the words of `text` that are not in any of the `skip` sets (nor single characters). */
function stems(text: string, ...skip: ReadonlySet<string>[]): string[] {
  return splitWords(text)
    .filter((w) => w.length >= 2 && !skip.some((set) => set.has(w)))
    .map(stem);
}
