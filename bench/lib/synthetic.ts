/**
 * Varied synthetic tickets for volume runs: Zipf-distributed pseudo-words (a vocabulary growing
 * with the square root of the volume, as real text does) around topics of their own (so many
 * items are about the same system without being the same work), code identifiers and host names,
 * ticket templates copied many times over, and planted paraphrased duplicates. Deterministic for
 * a given seed.
 */
import type { WorkItem } from '../../src/model/index.js';
import { workItem } from '../../src/analysis/effort/index.js';

export interface SyntheticSet {
  items: WorkItem[];
  /** Planted duplicates, as [original ref, copy ref]. */
  planted: [string, string][];
}

const DAY_MS = 86_400_000;
const SYLLABLES =
  'ka lo mer ti van sul dro pe qui zan bor fel mu rac tos ien gal hep nor wix yab cre dum sio'.split(' ');
const IT_WORDS = (
  'server login password reset printer vpn email outlook laptop network latency timeout database backup ' +
  'deploy release pipeline build failure error crash slow report dashboard invoice payment checkout ' +
  'storefront pricing access permission account license install upgrade migrate certificate expired ' +
  'firewall proxy dns disk memory cpu queue cache api endpoint mobile app sync export import customer order'
).split(' ');
const COMPONENTS = ['Checkout', 'Payments', 'Identity', 'Network', 'Desktop', 'Data', 'Mobile', 'Reporting'];

export function syntheticItems(count: number, nowMs: number, seed = 1): SyntheticSet {
  const random = mulberry32(seed);
  // Heaps' law: a corpus ten times larger uses about three times as many distinct words.
  const words = vocabulary(Math.max(2000, Math.round(20_000 * Math.sqrt(count / 100_000))), random);
  const zipf = zipfSampler(words.length, 1.05, random);
  // A topic is a system or a recurring problem: a few words of its own, drawn evenly from the
  // vocabulary, so they are as specific as the names of systems and errors in real tickets.
  const topics = Array.from({ length: Math.max(50, Math.floor(count / 200)) }, () =>
    Array.from({ length: 30 }, () => words[Math.floor(random() * words.length)] as string),
  );
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const items: WorkItem[] = [];
  const planted: [string, string][] = [];

  for (let n = 0; n < count; n += 1) {
    const roll = random();
    let title: string;
    let text: string;
    let original: WorkItem | undefined;
    if (roll < 0.03 && items.length > 0) {
      original = items[Math.max(0, items.length - 1 - Math.floor(random() * 5000))] as WorkItem;
      title = paraphrase(original.title, 0.25, words, zipf, random);
      text = paraphrase(original.text, 0.3, words, zipf, random);
    } else if (roll < 0.04) {
      const user = `user${Math.floor(random() * 100_000)}`;
      title = `Password reset for ${user}`;
      text = `Please reset the password of ${user}; they are locked out of ${pick(IT_WORDS)}.`;
    } else {
      const topic = pick(topics);
      const phrase = (length: number, focus: number): string =>
        Array.from({ length }, () =>
          random() < focus ? pick(topic) : random() < 0.1 ? pick(IT_WORDS) : words[zipf()],
        )
          .map((word) => (random() < 0.02 ? identifier(word as string, random) : word))
          .join(' ');
      title = phrase(4 + Math.floor(random() * 6), 0.5);
      text = `${phrase(15 + Math.floor(random() * 100), 0.15)}.`;
    }
    const jira = random() < 0.5;
    const key = jira ? `SYN-${n}` : `INC${String(n).padStart(9, '0')}`;
    // Through JSON, as the store hands items over: template literals make rope strings, which
    // the analyser would otherwise flatten into fresh memory on its clock.
    const item = viaJson(
      workItem({
        key,
        uid: jira ? `jira:${n}` : `servicenow:${n}`,
        source: jira ? 'jira' : 'servicenow',
        ref: jira ? key : `SN:${key}`,
        kind: jira ? 'issue' : 'incident',
        title,
        text,
        components: [pick(COMPONENTS)],
        status: pick(['todo', 'doing', 'done'] as const),
        created: new Date(nowMs - random() * 27 * DAY_MS).toISOString(),
      }),
    );
    if (original !== undefined) planted.push([original.ref, item.ref]);
    items.push(item);
  }
  return { items, planted };
}

/** `value` passed through JSON, as the store hands items over: flat strings, never ropes. */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function paraphrase(
  text: string,
  change: number,
  words: readonly string[],
  zipf: () => number,
  random: () => number,
): string {
  const out: string[] = [];
  for (const word of text.split(' ')) {
    const roll = random();
    if (roll < change / 2) continue;
    out.push(roll < change ? (words[zipf()] as string) : word);
  }
  return out.join(' ');
}

function identifier(word: string, random: () => number): string {
  const forms = [
    `${word}Service.${word}Handler`,
    `ERR_${word.toUpperCase()}_${Math.floor(random() * 900 + 100)}`,
    `${word}-${Math.floor(random() * 99)}.corp.example`,
    `src/${word}/index.ts`,
  ];
  return forms[Math.floor(random() * forms.length)] as string;
}

function vocabulary(size: number, random: () => number): string[] {
  const seen = new Set<string>();
  while (seen.size < size) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i += 1) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    seen.add(word);
  }
  return [...seen];
}

/** Ranks 0 … size − 1 drawn with probability ∝ 1 / (rank + 1)^exponent. */
function zipfSampler(size: number, exponent: number, random: () => number): () => number {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let rank = 0; rank < size; rank += 1) cdf[rank] = sum += 1 / (rank + 1) ** exponent;
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
