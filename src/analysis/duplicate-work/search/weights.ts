import { Arena } from './buffers.js';
import { FIELDS, fieldCount, type Corpus, type Field } from './corpus.js';

/** How much one occurrence in each field counts (BM25F field boosts). */
export type FieldWeights = Record<Field, number>;

/** BM25 saturation: the fifth mention of a word adds little. */
const K1 = 1.2;
/** BM25 length normalisation per field; titles are all short, so their length says little. */
const B: Record<Field, number> = { title: 0.3, text: 0.75, tags: 0.3 };

/** Inverse document frequency (BM25's, always positive). */
export function idf(df: number, size: number): number {
  return Math.log(1 + (size - df + 0.5) / (df + 0.5));
}

/**
 * Document vectors: one weight per (document, distinct term), aligned with `corpus.terms`. The
 * weight is BM25F's term score — field-weighted, length-normalised counts, saturated, times idf —
 * and each document's vector has unit length, so a dot product of two vectors is their cosine.
 * The array is taken from `arena` if it fits.
 */
export function documentVectors(
  corpus: Corpus,
  fieldWeights: FieldWeights,
  arena: Arena = new Arena(0),
): Float32Array {
  const { size, start, terms, df, counts, length } = corpus;
  const weights = arena.float32(terms.length);
  const average = averageLengths(corpus);
  const termIdf = new Float32Array(df.length);
  for (let term = 0; term < df.length; term += 1) termIdf[term] = idf(df[term] as number, size);
  const norm = { title: 0, text: 0, tags: 0 };

  for (let doc = 0; doc < size; doc += 1) {
    for (const field of FIELDS) {
      const lengthRatio = (length[field][doc] as number) / (average[field] || 1);
      norm[field] = fieldWeights[field] / (1 - B[field] + B[field] * lengthRatio);
    }
    const from = start[doc] as number;
    const to = start[doc + 1] as number;
    let squares = 0;
    for (let i = from; i < to; i += 1) {
      const packed = counts[i] as number;
      const count =
        fieldCount(packed, 'title') * norm.title +
        fieldCount(packed, 'text') * norm.text +
        fieldCount(packed, 'tags') * norm.tags;
      const weight = (termIdf[terms[i] as number] as number) * ((count * (K1 + 1)) / (count + K1));
      weights[i] = weight;
      squares += weight * weight;
    }
    const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    for (let i = from; i < to; i += 1) weights[i] = (weights[i] as number) * scale;
  }
  return weights;
}

function averageLengths(corpus: Corpus): Record<Field, number> {
  const average = { title: 0, text: 0, tags: 0 };
  for (const field of FIELDS) {
    let sum = 0;
    for (const value of corpus.length[field]) sum += value;
    average[field] = corpus.size > 0 ? sum / corpus.size : 0;
  }
  return average;
}
