import { exactKey, NEAR_DUPLICATE_THRESHOLD, similarity, type NearDuplicate } from './similarity.js';
import { wordSet } from './word-set.js';

export { wordSet } from './word-set.js';
export { exactKey, NEAR_DUPLICATE_THRESHOLD, similarity, type NearDuplicate } from './similarity.js';
export { NearDuplicateIndex } from './near-duplicate-index.js';

/**
 * The candidate most similar to `content`, if it is a near-duplicate (similarity ≥ 0.8;
 * exact duplicates score 1). Scans every candidate: for thousands of memories, checked
 * repeatedly, use NearDuplicateIndex.
 */
export function findNearDuplicate(
  content: string,
  candidates: Iterable<{ id: string; content: string }>,
): NearDuplicate | undefined {
  const key = exactKey(content);
  const words = wordSet(content);
  let best: NearDuplicate | undefined;
  for (const candidate of candidates) {
    const score = exactKey(candidate.content) === key ? 1 : similarity(words, wordSet(candidate.content));
    if (score >= NEAR_DUPLICATE_THRESHOLD && (!best || score > best.similarity)) {
      best = { id: candidate.id, similarity: score };
      if (score === 1) break;
    }
  }
  return best;
}
