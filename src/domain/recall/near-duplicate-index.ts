import { type Bucket, addToBucket, deleteFromBucket, hashOf, itemsIn } from './hash-buckets.js';
import { type Postings, type RelatedMemory, type IndexEntry as Entry, addPostings, relatedIn, removePostings } from './related-memories.js';
import { exactKey, factCoreOf, factOf, similarity, type NearDuplicate } from './similarity.js';

export type { RelatedMemory } from './related-memories.js';

export interface IndexedMemory {
  id: string;
  content: string;
  archivedAt?: string;
}

/**
 * What the index keeps of a stored memory's content to find its candidates: hashOf its exact key
 * and of its fact core (undefined for a content with no core, only ever an exact duplicate).
 */
export interface FactHashes {
  key: number;
  core: number | undefined;
}

export function factHashesOf(content: string): FactHashes {
  const core = factCoreOf(content);
  return { key: hashOf(exactKey(content)), core: core === '' ? undefined : hashOf(core) };
}

/**
 * Finds near-duplicates and related memories among thousands without comparing against each
 * one: memories stating one fact share a key (Fact.core), and an inverted index from word to
 * memory ids yields the few candidates that can be related. Gives the same duplicates as
 * findNearDuplicate over the same memories. Keep one index per scope (e.g. per agent) and in
 * step with writes.
 *
 * Duplicates are looked for among every memory, active or archived; related memories only among
 * active ones. Built in one pass over a list of entries: the lookups are made when first needed
 * (by id, and by key and core, after a few look-ups each, which until then scan the list; the
 * related-word postings, over active memories, at the first related() call). A big store meeting the cap (100,000 memories, 99,000 archived by its first add) then pays
 * each memory's fact key and little else (npm run bench "first add over the cap").
 */
export class NearDuplicateIndex {
  /** Every entry added, in order; one removed stays, flagged, until the list is compacted. */
  #list: Entry[] = [];
  #live = 0;
  #byId: Map<string, Entry> | undefined;
  // Nearly every key and core belongs to one memory: a bucket is that entry until a second one
  // joins. Keyed by hashes, not the strings, which 100,000 memories would hold twice over.
  #byKey: Map<number, Bucket<Entry>> | undefined;
  #byCore: Map<number, Bucket<Entry>> | undefined;
  #finds = 0;
  #idScans = 0;
  /** Where #nextInList looks first. */
  #cursor = 0;
  /** Active memories by word; undefined until related() first needs it. */
  #byWord: Map<string, Postings> | undefined;

  /**
   * `entries` have distinct ids. `facts`: the hashes of a stored memory's content, when an
   * analysis cache may answer for the contents it knows (src/domain/recall/analysis-cache.ts);
   * without one, each content's are derived here (its words only when needed, either way). The
   * hashes only narrow the candidates: contents looked up, and every candidate find() returns,
   * are analysed afresh, so an entry that lies (a damaged or crafted file) can hide a duplicate
   * but never make a new memory one.
   */
  constructor(
    entries: Iterable<IndexedMemory> = [],
    private readonly facts: (content: string) => FactHashes = factHashesOf,
  ) {
    for (const entry of entries) this.#insert(entry);
  }

  get size(): number {
    return this.#live;
  }

  /** Adds a memory's content; adding an id that is already indexed replaces it. */
  add(memory: IndexedMemory): void {
    this.remove(memory.id);
    this.#insert(memory);
  }

  /**
   * A memory moved to the archive keeps its id and content: only its entry's flag changes (the
   * archive cap moves tens of thousands at once when a big store first meets it). Its postings
   * skip it from now on.
   */
  markArchived(id: string): void {
    const entry = this.#nextInList(id) ?? this.#entryOf(id);
    if (entry) entry.archived = true;
  }

  /** Removes a memory; an unknown id is ignored. */
  remove(id: string): void {
    const entry = this.#entryOf(id);
    if (!entry) return;
    this.#byId?.delete(id);
    entry.removed = true;
    this.#live--;
    if (this.#byKey) deleteFromBucket(this.#byKey, entry.key, entry);
    if (this.#byCore && entry.core !== undefined) deleteFromBucket(this.#byCore, entry.core, entry);
    if (this.#list.length > 2 * this.#live + 64) {
      this.#list = this.#list.filter((held) => !held.removed);
      this.#cursor = 0;
    }
    if (this.#byWord && entry.posted) removePostings(this.#byWord, entry);
  }

  /** The most similar indexed memory stating the same fact; `excludeId` skips the memory being edited. */
  find(content: string, { excludeId }: { excludeId?: string } = {}): NearDuplicate | undefined {
    this.#finds++;
    const key = exactKey(content);
    for (const entry of this.#withKey(hashOf(key))) {
      if (entry.id !== excludeId && exactKey(entry.content) === key) return { id: entry.id, similarity: 1 };
    }
    const fact = factOf(content);
    if (fact.core === '') return undefined;
    let best: NearDuplicate | undefined;
    for (const entry of this.#withCore(hashOf(fact.core))) {
      if (entry.id === excludeId) continue;
      // Afresh, not the entry's words: a duplicate is declared only on what the content itself says.
      const theirs = factOf(entry.content);
      if (theirs.core !== fact.core) continue;
      const score = similarity(fact.words, theirs.words);
      if (!best || score > best.similarity) best = { id: entry.id, similarity: score };
    }
    return best;
  }

  /**
   * Active memories that share much of `content`'s words without stating the same fact, most
   * similar first: the ones a new fact may supersede ("12 partitions" → "now 24 partitions").
   */
  related(content: string, { excludeId, limit = 3 }: { excludeId?: string; limit?: number } = {}): RelatedMemory[] {
    return relatedIn(this.#wordPostings(), content, excludeId, limit);
  }

  #insert({ id, content, archivedAt }: IndexedMemory): void {
    const { key, core } = this.facts(content);
    // Every field from the start: one added later gives each of 100,000 entries a second object.
    const entry: Entry = { id, key, core, content, archived: archivedAt !== undefined, words: undefined, posted: false, removed: false };
    this.#list.push(entry);
    this.#live++;
    this.#byId?.set(id, entry);
    if (this.#byKey) addToBucket(this.#byKey, entry.key, entry);
    if (this.#byCore && entry.core !== undefined) addToBucket(this.#byCore, entry.core, entry);
    if (this.#byWord && !entry.archived) addPostings(this.#byWord, entry);
  }

  /**
   * The entry of `id` when it comes a few places after the last one found so: the cap archives
   * a store's memories in their order, which is the list's, and a store far over the cap would
   * otherwise make the map of every id for it (see #entryOf).
   */
  #nextInList(id: string): Entry | undefined {
    const list = this.#list;
    for (let at = this.#cursor, end = Math.min(list.length, at + 16); at < end; at++) {
      const entry = list[at]!;
      if (entry.id !== id || entry.removed) continue;
      this.#cursor = at + 1;
      return entry;
    }
    return undefined;
  }

  /**
   * The entry of `id`: found by scanning the list for the first few (the one add of a process
   * started for it removes nothing, but asks whether its new id is indexed), then from a map of
   * every id, made once.
   */
  #entryOf(id: string): Entry | undefined {
    if (!this.#byId && ++this.#idScans > SCANNED_FINDS) {
      this.#byId = new Map();
      for (const entry of this.#list) if (!entry.removed) this.#byId.set(entry.id, entry);
    }
    if (this.#byId) return this.#byId.get(id);
    for (const entry of this.#list) if (entry.id === id && !entry.removed) return entry;
    return undefined;
  }

  #withKey(key: number): Iterable<Entry> {
    return this.#bucketsBuilt() ? itemsIn(this.#byKey!.get(key)) : this.#list.filter((entry) => !entry.removed && entry.key === key);
  }

  #withCore(core: number): Iterable<Entry> {
    return this.#bucketsBuilt() ? itemsIn(this.#byCore!.get(core)) : this.#list.filter((entry) => !entry.removed && entry.core === core);
  }

  /**
   * The key and core maps, made once a few look-ups have scanned the list: scanning 100,000
   * hashes takes a fraction of a millisecond, making the maps a hundred times that, which the
   * one add of a process started for it (a Claude Code hook, a first add over the cap) never earns back.
   */
  #bucketsBuilt(): boolean {
    if (this.#byKey) return true;
    if (this.#finds <= SCANNED_FINDS) return false;
    this.#byKey = new Map();
    this.#byCore = new Map();
    for (const entry of this.#list) {
      if (entry.removed) continue;
      addToBucket(this.#byKey, entry.key, entry);
      if (entry.core !== undefined) addToBucket(this.#byCore, entry.core, entry);
    }
    return true;
  }

  #wordPostings(): Map<string, Postings> {
    if (this.#byWord) return this.#byWord;
    const byWord = new Map<string, Postings>();
    for (const entry of this.#list) if (!entry.removed && !entry.archived) addPostings(byWord, entry);
    return (this.#byWord = byWord);
  }
}

/** Look-ups answered by scanning the entries before the key and core maps are made. */
const SCANNED_FINDS = 8;




