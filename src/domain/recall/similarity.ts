import { normaliseContent } from '../memory.js';
import { isDistinguishing } from './word-set.js';

/** Two memories at or above this similarity say the same thing. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

export interface NearDuplicate {
  id: string;
  similarity: number;
}

/**
 * Jaccard similarity |A∩B| / |A∪B| of two word sets, in [0, 1] — except that it is 0
 * when a distinguishing word (number, identifier, negation) is in one set only.
 * Jaccard rather than Dice because it is stricter on short texts: with one word swapped
 * out of six ("…table by day" vs "…table by month") Dice gives 0.83, Jaccard 0.71.
 * Two empty sets score 0: memories made only of stop words can only be exact duplicates.
 */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) {
    if (b.has(word)) shared++;
    else if (isDistinguishing(word)) return 0;
  }
  for (const word of b) if (!a.has(word) && isDistinguishing(word)) return 0;
  return shared / (a.size + b.size - shared);
}

/** The form under which two contents are exact duplicates: case and whitespace ignored. */
export function exactKey(content: string): string {
  return normaliseContent(content).toLowerCase();
}
