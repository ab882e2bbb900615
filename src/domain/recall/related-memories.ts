import { hashOf } from './hash-buckets.js';
import type { IndexEntries } from './index-entries.js';
import { factCoreOf, factOf, factWordsOf, RELATED_THRESHOLD, similarity } from './similarity.js';

// The near-duplicate index's related-word postings (active memories by word) and the search for
// related memories over them: those sharing much of a content's words without stating its fact.

/** At most this many candidates are scored per look-up, rarest shared words first. */
const RELATED_SCAN_MAX = 100;

/**
 * The slots of the entries holding one word, in the order they were added. Removal only flags
 * an entry, so adding is a push: a Set of ids per word made building the index at 100,000
 * memories spend a third of its time, and much of its memory, in hash tables.
 */
export interface Postings {
  slots: Int32Array;
  size: number;
  live: number;
}

export interface RelatedMemory {
  id: string;
  content: string;
  similarity: number;
}

function wordsOf(entries: IndexEntries, slot: number): readonly string[] {
  let words = entries.words.get(slot);
  if (words === undefined) entries.words.set(slot, (words = factWordsOf(entries.contents[slot]!)));
  return words;
}

export function addPostings(byWord: Map<string, Postings>, entries: IndexEntries, slot: number): void {
  entries.markPosted(slot);
  for (const word of entries.words.get(slot) ?? factWordsOf(entries.contents[slot]!)) {
    const postings = byWord.get(word);
    if (!postings) {
      byWord.set(word, { slots: Int32Array.of(slot), size: 1, live: 1 });
      continue;
    }
    if (postings.size === postings.slots.length) {
      const slots = new Int32Array(postings.size * 2);
      slots.set(postings.slots);
      postings.slots = slots;
    }
    postings.slots[postings.size++] = slot;
    postings.live++;
  }
}

/** After `slot` was flagged removed: its words' counts drop, and a posting list mostly of removed entries is compacted. */
export function removePostings(byWord: Map<string, Postings>, entries: IndexEntries, slot: number): void {
  for (const word of entries.words.get(slot) ?? factWordsOf(entries.contents[slot]!)) {
    const postings = byWord.get(word)!;
    if (--postings.live === 0) byWord.delete(word);
    else if (postings.size > 2 * postings.live + 8) {
      const kept = postings.slots.subarray(0, postings.size).filter((held) => !entries.isRemoved(held));
      postings.slots = kept;
      postings.size = kept.length;
    }
  }
}

/**
 * Active memories that share much of `content`'s words without stating the same fact, most
 * similar first: the ones a new fact may supersede ("12 partitions" → "now 24 partitions").
 */
export function relatedIn(byWord: ReadonlyMap<string, Postings>, entries: IndexEntries, content: string, excludeId: string | undefined, limit: number): RelatedMemory[] {
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
  // Slots, as good as ids: an id has one slot not removed.
  const seen = new Set<number>();
  const coreHash = fact.core === '' ? undefined : hashOf(fact.core);
  for (const word of known.slice(0, missable + 1)) {
    const { slots, size } = byWord.get(word)!;
    for (let at = 0; at < size; at++) {
      // Advice, not a guarantee: in a store of templated memories every add would otherwise
      // score thousands of neighbours (a 10,000-block extract took minutes instead of a second).
      if (seen.size >= RELATED_SCAN_MAX) break;
      const slot = slots[at]!;
      if (entries.isRemoved(slot) || entries.isArchived(slot) || seen.has(slot)) continue;
      seen.add(slot);
      const id = entries.ids[slot]!;
      const entryContent = entries.contents[slot]!;
      if (id === excludeId || (coreHash !== undefined && entries.cores[slot] === coreHash && factCoreOf(entryContent) === fact.core)) continue;
      const score = similarity(words, wordsOf(entries, slot));
      if (score >= RELATED_THRESHOLD) found.push({ id, content: entryContent, similarity: Math.round(score * 100) / 100 });
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
}
