import { factCoreOf, factOf, factWordsOf, RELATED_THRESHOLD, similarity } from './similarity.js';
import { hashOf } from './hash-buckets.js';

// The near-duplicate index's related-word postings (active memories by word) and the search for
// related memories over them: those sharing much of a content's words without stating its fact.

/** At most this many candidates are scored per look-up, rarest shared words first. */
const RELATED_SCAN_MAX = 100;

/** One memory as the near-duplicate index holds it. */
export interface IndexEntry {
  id: string;
  /** hashOf(exact key) and hashOf(fact core) (undefined for no core): a bucket names candidates, never a match. */
  key: number;
  core: number | undefined;
  content: string;
  archived: boolean;
  /**
   * The fact's distinct words, kept once a related-memory look-up scored the entry (an array costs
   * a fraction of a Set, and facts are a few words long). Posting every active memory derives them
   * without keeping them: held for 100,000 memories they were a fifth of the index.
   */
  words: readonly string[] | undefined;
  /** Whether the entry is in the word postings (an active memory, once they are built). */
  posted: boolean;
  /** Set when the memory leaves the index: its postings skip it until they are compacted. */
  removed: boolean;
}

/**
 * The entries holding one word, in the order they were added. Removal only flags an entry, so
 * adding is a push: a Set of ids per word made building the index at 100,000 memories spend a
 * third of its time, and much of its memory, in hash tables.
 */
export interface Postings {
  entries: IndexEntry[];
  live: number;
}

export interface RelatedMemory {
  id: string;
  content: string;
  similarity: number;
}

function wordsOf(entry: IndexEntry): readonly string[] {
  return (entry.words ??= factWordsOf(entry.content));
}

export function addPostings(byWord: Map<string, Postings>, entry: IndexEntry): void {
  entry.posted = true;
  for (const word of entry.words ?? factWordsOf(entry.content)) {
    const postings = byWord.get(word);
    if (postings) {
      postings.entries.push(entry);
      postings.live++;
    } else byWord.set(word, { entries: [entry], live: 1 });
  }
}

/** After `entry` was flagged removed: its words' counts drop, and a posting list mostly of removed entries is compacted. */
export function removePostings(byWord: Map<string, Postings>, entry: IndexEntry): void {
  for (const word of entry.words ?? factWordsOf(entry.content)) {
    const postings = byWord.get(word)!;
    if (--postings.live === 0) byWord.delete(word);
    else if (postings.entries.length > 2 * postings.live + 8) postings.entries = postings.entries.filter((held) => !held.removed);
  }
}

/**
 * Active memories that share much of `content`'s words without stating the same fact, most
 * similar first: the ones a new fact may supersede ("12 partitions" → "now 24 partitions").
 */
export function relatedIn(byWord: ReadonlyMap<string, Postings>, content: string, excludeId: string | undefined, limit: number): RelatedMemory[] {
  const fact = factOf(content);
  const words = fact.words;
  if (words.size === 0) return [];
  const postingsOf = (word: string) => byWord.get(word)?.live ?? 0;
  // A memory B with Jaccard ≥ t shares at least ceil(t·|A|) of A's words, so it holds one of any
  // |A| − ceil(t·|A|) + 1 of them: probing that many of the rarest words finds every candidate.
  // Words no memory holds are missed by all, so they use up the misses first.
  const known = [...words].filter((word) => postingsOf(word) > 0).sort((a, b) => postingsOf(a) - postingsOf(b));
  const missable = known.length - Math.ceil(RELATED_THRESHOLD * words.size - 1e-9);
  if (missable < 0) return [];
  const found: RelatedMemory[] = [];
  const seen = new Set<string>();
  const coreHash = fact.core === '' ? undefined : hashOf(fact.core);
  for (const word of known.slice(0, missable + 1)) {
    for (const entry of byWord.get(word)!.entries) {
      // Advice, not a guarantee: in a store of templated memories every add would otherwise
      // score thousands of neighbours (a 10,000-block extract took minutes instead of a second).
      if (seen.size >= RELATED_SCAN_MAX) break;
      const { id } = entry;
      if (entry.removed || entry.archived || seen.has(id)) continue;
      seen.add(id);
      if (id === excludeId || (coreHash !== undefined && entry.core === coreHash && factCoreOf(entry.content) === fact.core)) continue;
      const score = similarity(words, wordsOf(entry));
      if (score >= RELATED_THRESHOLD) found.push({ id, content: entry.content, similarity: Math.round(score * 100) / 100 });
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
}
