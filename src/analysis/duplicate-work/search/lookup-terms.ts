import { Arena } from './buffers.js';
import type { Corpus } from './corpus.js';

/** What lookups read of a corpus. */
export type Vectors = Pick<Corpus, 'size' | 'df' | 'start' | 'terms'>;

/**
 * A document's lookup terms: its `count` heaviest terms that some other document also holds (a
 * term no one else has can match nothing). They are its most telling words — rare ones, and
 * those of its title — and two texts about the same work share some of them.
 */
export class LookupTerms {
  readonly count: number;
  /** Per document, the least weight of a lookup term. */
  private readonly floor: Float32Array;
  private readonly vectors: Vectors;
  private readonly weights: Float32Array;

  /** Its per-document array is taken from `arena` if it fits. */
  constructor(vectors: Vectors, weights: Float32Array, count: number, arena: Arena = new Arena(0)) {
    this.count = count;
    this.vectors = vectors;
    this.weights = weights;
    this.floor = floors(vectors, weights, count, arena.float32(vectors.size));
  }

  /**
   * Writes the positions (in `vectors.terms`) of `doc`'s lookup terms, in stored order, to `out`
   * (at least `count` long) and returns how many there are.
   */
  collect(doc: number, out: Uint32Array): number {
    const { df, start, terms } = this.vectors;
    const floor = this.floor[doc] as number;
    let found = 0;
    for (let i = start[doc] as number; i < (start[doc + 1] as number) && found < this.count; i += 1) {
      if ((this.weights[i] as number) >= floor && (df[terms[i] as number] as number) > 1) out[found++] = i;
    }
    return found;
  }
}

/** Per document (into `floor`), the `count`-th largest weight among its terms that another document holds. */
function floors(vectors: Vectors, weights: Float32Array, count: number, floor: Float32Array): Float32Array {
  const { size, df, start, terms } = vectors;
  const top = new Float32Array(count);
  for (let doc = 0; doc < size; doc += 1) {
    let kept = 0;
    for (let i = start[doc] as number; i < (start[doc + 1] as number); i += 1) {
      if ((df[terms[i] as number] as number) < 2) continue;
      const weight = weights[i] as number;
      if (kept === count && weight <= (top[kept - 1] as number)) continue;
      // Insertion into `top`, kept in descending order.
      let at = kept < count ? kept++ : kept - 1;
      while (at > 0 && (top[at - 1] as number) < weight) {
        top[at] = top[at - 1] as number;
        at -= 1;
      }
      top[at] = weight;
    }
    floor[doc] = kept === 0 ? Infinity : (top[kept - 1] as number);
  }
  return floor;
}
