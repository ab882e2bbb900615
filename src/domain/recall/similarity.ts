import { normaliseContent } from '../memory.js';
import { joinedCompounds } from './compound-joins.js';
import { factCore, factTokens, factWords, fillerWords } from './fact-tokens.js';

/**
 * A related memory shares at least this share of its words with the new one (Jaccard), e.g.
 * "orders topic has 12 partitions" / "orders topic now has 24 partitions" (0.63).
 */
export const RELATED_THRESHOLD = 0.5;

export interface NearDuplicate {
  id: string;
  similarity: number;
}

/** What near-duplicate detection compares of a memory. */
export interface Fact {
  /** The fact's words in order, filler left out, compounds joined (compound-joins.ts): two memories are one fact when these are equal. */
  core: string;
  /** Every word of the fact, for the similarity shown to users and for finding related memories. */
  words: ReadonlySet<string>;
}

export function factOf(content: string): Fact {
  const tokens = factTokens(content);
  return { core: joinedCompounds(coreOf(tokens)), words: new Set(tokens) };
}

/** Fact.core alone, for an index that needs every memory's key but few memories' words. */
export const factCoreOf = (content: string): string => factCore(content, coreOf);

/** Fact.words as a list, for an index that posts every memory under its words. */
export const factWordsOf = (content: string): string[] => factWords(content, coreOf);

function coreOf(tokens: readonly string[]): string {
  const filler = fillerWords();
  return tokens.filter((token) => !filler.has(token)).join(' ');
}

/**
 * Whether two memories state one fact: the same words in the same order once surface variants
 * and filler are folded away. Order matters because "12 partitions and 3 replicas" and "3
 * partitions and 12 replicas" have the same words; any other difference (a word, a number, a
 * unit, a "not") keeps both, because a wrong merge loses a fact while a missed one only costs a
 * line. A memory with no words left (only stop words) is only ever an exact duplicate.
 */
export function sameFact(a: Fact, b: Fact): boolean {
  return a.core !== '' && a.core === b.core;
}

/** Jaccard similarity |A∩B| / |A∪B| of two memories' distinct words, in [0, 1]; 0 when either has none. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string> | readonly string[]): number {
  const bSize = 'size' in b ? b.size : b.length;
  if (a.size === 0 || bSize === 0) return 0;
  let shared = 0;
  // `b` as distinct words in an array (the index's form) is counted from its side.
  if ('size' in b) {
    for (const word of a) if (b.has(word)) shared++;
  } else for (const word of b) if (a.has(word)) shared++;
  return shared / (a.size + bSize - shared);
}

/** The form under which two contents are exact duplicates: case and whitespace ignored. */
export function exactKey(content: string): string {
  return normaliseContent(content).toLowerCase();
}
