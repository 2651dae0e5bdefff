import { ConfigError } from '../../core/index.js';
import type { ToolCatalog } from '../../model/index.js';
import { fold, isWordCode, phraseKey } from './normalize.js';
import {
  AMBIGUOUS_NAMES,
  CONTEXT_DISTANCE,
  CONTEXT_WORDS,
  NAME_STOP_WORDS,
  RETIRE,
  RETIRE_DISTANCE,
  RETIRE_NEXT,
  STRONG_ACQUISITION,
  SUPPORT,
  WEAK_ACQUISITION,
} from './vocabulary.js';

/** Cue bits an item's text can carry (see vocabulary.ts). */
export const CUE_STRONG = 1;
export const CUE_WEAK = 2;
export const CUE_SUPPORT = 4;
const RETIRE_NEXT_BIT = 8;
const RETIRE_VERB_BIT = 16;
const ITEM_CUES = CUE_STRONG | CUE_WEAK | CUE_SUPPORT;

/** A tool of the catalog, numbered in catalog order. */
export interface CatalogTool {
  name: string;
  /** Position of its capability in the catalog. */
  capability: number;
}

export interface ToolMention {
  /** Position of the tool in `ToolMatcher.tools`. */
  tool: number;
  /** Named as the tool being left ("migrate from X", "replace X"). */
  retired: boolean;
}

/** What the text of one item says about tools. */
export interface ItemScan {
  /** Each tool once; retired if any of its mentions was. */
  mentions: ToolMention[];
  /** `CUE_STRONG | CUE_WEAK | CUE_SUPPORT` bits found anywhere in the item. */
  cues: number;
}

export interface ToolMatcher {
  readonly tools: readonly CatalogTool[];
  /**
   * Reads free text (title, description) and label-like values (labels, components). Not
   * re-entrant: it reuses internal buffers, so use one matcher per thread of work.
   */
  scan(texts: readonly string[], labels: readonly string[]): ItemScan;
}

// Trie alphabet: a–z, 0–9, and one edge for any word break.
const LETTERS = 26;
const SEP = 36;
const WIDTH = 37;

function classOf(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return c - 48 + LETTERS;
  return -1;
}

interface Pattern {
  key: string;
  words: number;
  tool: number;
  ambiguous: boolean;
  cues: number;
  genericContext: boolean;
  contextFor: Set<number> | null;
}

/**
 * Builds the detector once from the catalog: every name, alias and vocabulary phrase in one trie
 * over characters, with a single edge for a word break. Scanning walks the trie from each word
 * start and keeps the longest phrase ending on a word boundary, so a field costs one pass with a
 * few steps per word (most words leave the trie at their first letters) and no regular expression
 * per tool.
 */
export function createToolMatcher(catalog: ToolCatalog, extraAmbiguous: readonly string[] = []): ToolMatcher {
  const patterns: Pattern[] = [];
  const byKey = new Map<string, Pattern>();
  const tools: CatalogTool[] = [];
  const owners: string[] = [];
  const ambiguous = new Set([...AMBIGUOUS_NAMES, ...extraAmbiguous].map(phraseKey));

  const pattern = (phrase: string, where: string): Pattern => {
    const key = phraseKey(phrase);
    if (!/^[a-z0-9]+( [a-z0-9]+)*$/.test(key)) {
      throw new ConfigError([`${where}: "${phrase}" has no letters or digits bearing can match (a–z, 0–9)`]);
    }
    let p = byKey.get(key);
    if (p === undefined) {
      p = {
        key,
        words: key.split(' ').length,
        tool: -1,
        ambiguous: false,
        cues: 0,
        genericContext: false,
        contextFor: null,
      };
      byKey.set(key, p);
      patterns.push(p);
    }
    return p;
  };

  catalog.capabilities.forEach((capability, c) => {
    capability.tools.forEach((tool, t) => {
      const index = tools.length;
      tools.push({ name: tool.name, capability: c });
      owners.push(`"${tool.name}" (${capability.id})`);
      [tool.name, ...tool.aliases].forEach((name, a) => {
        const where = `tools.yaml: capabilities[${c}].tools[${t}].${a === 0 ? 'name' : `aliases[${a - 1}]`}`;
        const p = pattern(name, where);
        if (p.tool >= 0 && p.tool !== index) {
          throw new ConfigError([
            `${where}: "${name}" reads the same as a name of ${owners[p.tool]} once case and punctuation are ignored`,
          ]);
        }
        p.tool = index;
        p.ambiguous = ambiguous.has(p.key);
      });
    });
    for (const word of phraseKey(capability.name).split(' ')) {
      // A word outside a–z and 0–9 can never match; as mere context it is skipped, not refused.
      if (!/^[a-z0-9]+$/.test(word) || NAME_STOP_WORDS.has(word)) continue;
      for (const form of [word, word.endsWith('s') ? word.slice(0, -1) : `${word}s`]) {
        const p = pattern(form, 'capability name');
        (p.contextFor ??= new Set()).add(c);
      }
    }
  });
  for (const word of CONTEXT_WORDS) pattern(word, 'context word').genericContext = true;
  const cues: [readonly string[], number][] = [
    [STRONG_ACQUISITION, CUE_STRONG],
    [WEAK_ACQUISITION, CUE_WEAK],
    [SUPPORT, CUE_SUPPORT],
    [RETIRE_NEXT, RETIRE_NEXT_BIT],
    [RETIRE, RETIRE_VERB_BIT],
  ];
  for (const [words, bit] of cues) for (const word of words) pattern(word, 'cue').cues |= bit;

  const trie = buildTrie(patterns);
  return { tools, scan: createScanner(trie, patterns, tools) };
}

interface Trie {
  next: Int32Array;
  terminal: Int32Array;
}

function buildTrie(patterns: readonly Pattern[]): Trie {
  const next: number[] = new Array<number>(WIDTH).fill(-1);
  const terminal: number[] = [-1];
  patterns.forEach((p, id) => {
    let node = 0;
    for (let i = 0; i < p.key.length; i++) {
      const ch = p.key.charCodeAt(i);
      const k = ch === 32 ? SEP : classOf(ch);
      let child = next[node * WIDTH + k]!;
      if (child < 0) {
        child = terminal.length;
        terminal.push(-1);
        for (let j = 0; j < WIDTH; j++) next.push(-1);
        next[node * WIDTH + k] = child;
      }
      node = child;
    }
    terminal[node] = id;
  });
  return { next: Int32Array.from(next), terminal: Int32Array.from(terminal) };
}

function createScanner(
  { next, terminal }: Trie,
  patterns: readonly Pattern[],
  tools: readonly CatalogTool[],
): ToolMatcher['scan'] {
  // Hits of the field being scanned: pattern, first and last word index, written capitalised.
  let size = 64;
  let hitPattern = new Int32Array(size);
  let hitFirst = new Int32Array(size);
  let hitLast = new Int32Array(size);
  let hitCapital = new Uint8Array(size);
  let hits = 0;
  let words = 0;

  const grow = (): void => {
    size *= 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    hitPattern = copy(hitPattern, new Int32Array(size));
    hitFirst = copy(hitFirst, new Int32Array(size));
    hitLast = copy(hitLast, new Int32Array(size));
    hitCapital = copy(hitCapital, new Uint8Array(size));
  };

  const findHits = (text: string): void => {
    hits = 0;
    let word = -1;
    let inWord = false;
    const len = text.length;
    let i = 0;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (!isWordCode(c)) {
        inWord = false;
        i++;
        continue;
      }
      if (inWord) {
        i++;
        continue;
      }
      word++;
      let node = 0;
      let j = i;
      let seps = 0;
      let best = -1;
      let bestEnd = i;
      let bestSeps = 0;
      for (;;) {
        const cj = j < len ? text.charCodeAt(j) : -1;
        if (cj >= 0 && isWordCode(cj)) {
          const k = classOf(cj);
          if (k < 0) break;
          node = next[node * WIDTH + k]!;
          if (node < 0) break;
          j++;
          continue;
        }
        const id = terminal[node]!;
        if (id >= 0) {
          best = id;
          bestEnd = j;
          bestSeps = seps;
        }
        const across = cj < 0 ? -1 : next[node * WIDTH + SEP]!;
        if (across < 0) break;
        let k = j + 1;
        while (k < len && !isWordCode(text.charCodeAt(k))) k++;
        if (k >= len) break;
        node = across;
        j = k;
        seps++;
      }
      if (best < 0) {
        inWord = true;
        i++;
        continue;
      }
      if (hits === size) grow();
      hitPattern[hits] = best;
      hitFirst[hits] = word;
      hitLast[hits] = word + bestSeps;
      hitCapital[hits] = c >= 65 && c <= 90 ? 1 : 0;
      hits++;
      word += bestSeps;
      i = bestEnd;
    }
    words = word + 1;
  };

  const isContextFor = (k: number, capability: number): boolean => {
    const p = patterns[hitPattern[k]!]!;
    if (p.genericContext || p.contextFor?.has(capability)) return true;
    return p.tool >= 0 && (!p.ambiguous || hitCapital[k] === 1);
  };

  /** An ambiguous name counts when capitalised (any case in labels) and near context. */
  const accepted = (h: number, label: boolean, capability: number): boolean => {
    if (label && hitFirst[h] === 0 && hitLast[h] === words - 1) return true;
    if (!label && hitCapital[h] === 0) return false;
    for (let k = h - 1; k >= 0 && hitFirst[h]! - hitLast[k]! <= CONTEXT_DISTANCE; k--) {
      if (isContextFor(k, capability)) return true;
    }
    for (let k = h + 1; k < hits && hitFirst[k]! - hitLast[h]! <= CONTEXT_DISTANCE; k++) {
      if (isContextFor(k, capability)) return true;
    }
    return false;
  };

  const scanField = (raw: string, label: boolean, out: ItemScan): void => {
    findHits(fold(raw));
    let retireThrough = -1;
    for (let h = 0; h < hits; h++) {
      const p = patterns[hitPattern[h]!]!;
      out.cues |= p.cues & ITEM_CUES;
      if (p.cues & RETIRE_NEXT_BIT) retireThrough = Math.max(retireThrough, hitLast[h]! + 1);
      if (p.cues & RETIRE_VERB_BIT)
        retireThrough = Math.max(retireThrough, hitLast[h]! + 1 + RETIRE_DISTANCE);
      if (p.tool < 0) continue;
      if (p.ambiguous && !accepted(h, label, tools[p.tool]!.capability)) continue;
      const retired = hitFirst[h]! <= retireThrough;
      retireThrough = -1;
      const known = out.mentions.find((m) => m.tool === p.tool);
      if (known === undefined) out.mentions.push({ tool: p.tool, retired });
      else known.retired ||= retired;
    }
  };

  return (texts, labels) => {
    const out: ItemScan = { mentions: [], cues: 0 };
    for (const text of texts) if (text !== '') scanField(text, false, out);
    for (const label of labels) if (label !== '') scanField(label, true, out);
    return out;
  };
}
