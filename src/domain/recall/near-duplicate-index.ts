import { exactKey, NEAR_DUPLICATE_THRESHOLD, similarity, type NearDuplicate } from './similarity.js';
import { isDistinguishing, wordSet } from './word-set.js';

interface Entry {
  key: string;
  words: Set<string>;
}

/**
 * Finds near-duplicates among thousands of memories without comparing against each one:
 * an inverted index from word to memory ids yields a few candidates, and only those are
 * scored. Gives the same answer as findNearDuplicate over the same memories.
 * Keep one index per scope (e.g. per agent) and in step with writes.
 */
export class NearDuplicateIndex {
  readonly #entries = new Map<string, Entry>();
  readonly #byWord = new Map<string, Set<string>>();
  readonly #byKey = new Map<string, Set<string>>();

  constructor(entries: Iterable<{ id: string; content: string }> = []) {
    for (const entry of entries) this.add(entry);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Adds a memory's content; adding an id that is already indexed replaces it. */
  add({ id, content }: { id: string; content: string }): void {
    this.remove(id);
    const entry = { key: exactKey(content), words: wordSet(content) };
    this.#entries.set(id, entry);
    addTo(this.#byKey, entry.key, id);
    for (const word of entry.words) addTo(this.#byWord, word, id);
  }

  /** Removes a memory; an unknown id is ignored. */
  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    deleteFrom(this.#byKey, entry.key, id);
    for (const word of entry.words) deleteFrom(this.#byWord, word, id);
  }

  /** The most similar indexed memory if it is a near-duplicate; `excludeId` skips the memory being edited. */
  find(content: string, { excludeId }: { excludeId?: string } = {}): NearDuplicate | undefined {
    for (const id of this.#byKey.get(exactKey(content)) ?? []) {
      if (id !== excludeId) return { id, similarity: 1 };
    }
    const words = wordSet(content);
    let best: NearDuplicate | undefined;
    for (const [id, other] of this.#candidates(words)) {
      if (id === excludeId) continue;
      const score = similarity(words, other.words);
      if (score >= NEAR_DUPLICATE_THRESHOLD && (!best || score > best.similarity)) best = { id, similarity: score };
    }
    return best;
  }

  /**
   * Memories that can reach the threshold. A near-duplicate B of A shares at least
   * ceil(t·|A|) of A's words (|A∩B| ≥ t·|A∪B| ≥ t·|A|), so it misses at most
   * |A| − ceil(t·|A|) of them and must contain one of any |A| − ceil(t·|A|) + 1 words:
   * probing that many of the rarest words is enough. B must also contain every
   * distinguishing word of A, so the postings of any one of those are enough too;
   * whichever probe touches fewer ids wins (a common "not" loses to rare words).
   */
  #candidates(words: Set<string>): Map<string, Entry> {
    const rarestFirst = [...words].map((word) => ({ word, count: this.#postings(word) })).sort((a, b) => a.count - b.count);
    const missable = words.size - Math.ceil(NEAR_DUPLICATE_THRESHOLD * words.size - 1e-9);
    let probe = rarestFirst.slice(0, missable + 1);
    const distinguishing = rarestFirst.find(({ word }) => isDistinguishing(word));
    if (distinguishing && distinguishing.count <= probe.reduce((total, { count }) => total + count, 0)) probe = [distinguishing];
    const found = new Map<string, Entry>();
    for (const { word } of probe) {
      for (const id of this.#byWord.get(word) ?? []) {
        const entry = this.#entries.get(id);
        if (entry && !found.has(id) && canReach(words, entry.words, missable)) found.set(id, entry);
      }
    }
    return found;
  }

  #postings(word: string): number {
    return this.#byWord.get(word)?.size ?? 0;
  }
}

/**
 * A cheap necessary condition for Jaccard ≥ t, checked before the full score: B's size
 * lies in [t·|A|, |A|/t], and B lacks at most `missable` of A's words.
 */
function canReach(a: ReadonlySet<string>, b: ReadonlySet<string>, missable: number): boolean {
  if (b.size < NEAR_DUPLICATE_THRESHOLD * a.size - 1e-9 || b.size > a.size / NEAR_DUPLICATE_THRESHOLD + 1e-9) return false;
  let missing = 0;
  for (const word of a) if (!b.has(word) && ++missing > missable) return false;
  return true;
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids) ids.add(id);
  else map.set(key, new Set([id]));
}

function deleteFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  ids?.delete(id);
  if (ids?.size === 0) map.delete(key);
}
