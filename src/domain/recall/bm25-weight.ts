// BM25+ as minisearch computes it (its defaults), so ranking is what minisearch gave.
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** What one posting adds per unit of its term's factor (weight × field boost × idf). */
export function termWeight(frequency: number, length: number, averageLength: number): number {
  return D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * length) / averageLength));
}

/**
 * The most `termWeight` can be for a posting list whose highest frequency is `maxFrequency`: it
 * grows with the frequency and shrinks with the length, and a length is never below zero.
 */
export function termWeightBound(maxFrequency: number): number {
  return D + (maxFrequency * (K + 1)) / (maxFrequency + K * (1 - B));
}

/** BM25's inverse document frequency of a term held by `holding` of `count` documents. */
export function inverseDocumentFrequency(count: number, holding: number): number {
  return Math.log(1 + (count - holding + 0.5) / (holding + 0.5));
}
