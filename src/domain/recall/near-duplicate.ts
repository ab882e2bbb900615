import { exactKey, factOf, sameFact, similarity, type NearDuplicate } from './similarity.js';

export { factTokens } from './fact-tokens.js';
export { exactKey, factOf, RELATED_THRESHOLD, sameFact, similarity, type NearDuplicate } from './similarity.js';
export { NearDuplicateIndex, type RelatedMemory } from './near-duplicate-index.js';

/**
 * The candidate stating the same fact as `content` (see sameFact), the most similar if several
 * do; exact duplicates score 1. Scans every candidate: for thousands of memories, checked
 * repeatedly, use NearDuplicateIndex.
 */
export function findNearDuplicate(
  content: string,
  candidates: Iterable<{ id: string; content: string }>,
): NearDuplicate | undefined {
  const key = exactKey(content);
  const fact = factOf(content);
  let best: NearDuplicate | undefined;
  for (const candidate of candidates) {
    if (exactKey(candidate.content) === key) return { id: candidate.id, similarity: 1 };
    const other = factOf(candidate.content);
    if (!sameFact(fact, other)) continue;
    const score = similarity(fact.words, other.words);
    if (!best || score > best.similarity) best = { id: candidate.id, similarity: score };
  }
  return best;
}
