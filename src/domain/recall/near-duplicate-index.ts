import { type Bucket, addToBucket, deleteFromBucket, hashOf, slotsIn } from './hash-buckets.js';
import { IndexEntries, NO_CORE } from './index-entries.js';
import { type Postings, type RelatedMemory, addPostings, relatedIn, removePostings } from './related-memories.js';
import { type FactColumns, type FactHashes, factHashesOf } from './fact-hashes.js';
import { exactKey, factOf, similarity, type NearDuplicate } from './similarity.js';

export type { RelatedMemory } from './related-memories.js';

export interface IndexedMemory {
  id: string;
  content: string;
  archivedAt?: string;
}

/**
 * Finds near-duplicates and related memories among thousands without comparing against each
 * one: memories stating one fact share a key (Fact.core), and an inverted index from word to
 * memory ids yields the few candidates that can be related. Gives the same duplicates as
 * findNearDuplicate over the same memories. Keep one index per scope (e.g. per agent) and in
 * step with writes.
 *
 * Duplicates are looked for among every memory, active or archived; related memories only among
 * active ones. Built in one pass into columns of entries by slot (index-entries.ts): the lookups
 * are made when first needed (by id, and by key and core, after a few look-ups each, which until
 * then scan the columns; the related-word postings, over active memories, at the first related()
 * call). A big store meeting the cap (100,000 memories, 99,000 archived by its first add) then
 * pays each memory's fact key and little else (npm run bench "first add over the cap").
 */
export class NearDuplicateIndex {
  /** Every entry added, by slot; one removed stays, flagged, until the entries are compacted. */
  #entries = new IndexEntries();
  #live = 0;
  #byId: Map<string, number> | undefined;
  // Nearly every key and core belongs to one memory: a bucket is that slot until a second one
  // joins. Keyed by hashes, not the strings, which 100,000 memories would hold twice over.
  #byKey: Map<number, Bucket> | undefined;
  #byCore: Map<number, Bucket> | undefined;
  #finds = 0;
  #idScans = 0;
  /** Where #nextSlot looks first. */
  #cursor = 0;
  /** Active memories by word; undefined until related() first needs it. */
  #byWord: Map<string, Postings> | undefined;

  /**
   * `entries` have distinct ids. `facts`: the hashes of a stored memory's content, when an
   * analysis cache may answer for the contents it knows (src/domain/recall/facts-cache.ts);
   * without one, each content's are derived here (its words only when needed, either way). The
   * hashes only narrow the candidates: contents looked up, and every candidate find() returns,
   * are analysed afresh, so an entry that lies (a damaged or crafted file) can hide a duplicate
   * but never make a new memory one. `factsOfAll`: the same for every content of `entries` at
   * once, as columns: the entries are then made in one pass of columns, with no call per memory
   * (a capture hook builds this index over 10,000 memories in a cold process).
   */
  constructor(
    entries: Iterable<IndexedMemory> = [],
    private readonly facts: (content: string) => FactHashes = factHashesOf,
    factsOfAll?: (contents: readonly string[]) => FactColumns,
  ) {
    if (!factsOfAll) {
      for (const entry of entries) this.#insert(entry, facts(entry.content));
      return;
    }
    const list = [...entries];
    const contents = list.map((entry) => entry.content);
    const { keys, cores } = factsOfAll(contents);
    this.#entries = IndexEntries.ofColumns(
      list.map((entry) => entry.id),
      contents,
      { keys, cores },
      list.map((entry) => entry.archivedAt !== undefined),
    );
    this.#live = list.length;
  }

  get size(): number {
    return this.#live;
  }

  /** Adds a memory's content; adding an id that is already indexed replaces it. */
  add(memory: IndexedMemory): void {
    this.remove(memory.id);
    this.#insert(memory, this.facts(memory.content));
  }

  /**
   * A memory moved to the archive keeps its id and content: only its entry's flag changes (the
   * archive cap moves tens of thousands at once when a big store first meets it). Its postings
   * skip it from now on.
   */
  markArchived(id: string): void {
    const slot = this.#nextSlot(id) ?? this.#slotOf(id);
    if (slot !== undefined) this.#entries.markArchived(slot);
  }

  /** Removes a memory; an unknown id is ignored. */
  remove(id: string): void {
    const slot = this.#slotOf(id);
    if (slot === undefined) return;
    const entries = this.#entries;
    this.#byId?.delete(id);
    entries.markRemoved(slot);
    this.#live--;
    if (this.#byKey) deleteFromBucket(this.#byKey, entries.keys[slot]!, slot);
    if (this.#byCore && entries.cores[slot] !== NO_CORE) deleteFromBucket(this.#byCore, entries.cores[slot]!, slot);
    if (this.#byWord && entries.isPosted(slot)) removePostings(this.#byWord, entries, slot);
    if (entries.length > 2 * this.#live + 64) this.#compact();
  }

  /** The most similar indexed memory stating the same fact; `excludeId` skips the memory being edited. */
  find(content: string, { excludeId }: { excludeId?: string } = {}): NearDuplicate | undefined {
    this.#finds++;
    const { ids, contents } = this.#entries;
    const key = exactKey(content);
    for (const slot of this.#withKey(hashOf(key))) {
      if (ids[slot] !== excludeId && exactKey(contents[slot]!) === key) return { id: ids[slot]!, similarity: 1 };
    }
    const fact = factOf(content);
    if (fact.core === '') return undefined;
    let best: NearDuplicate | undefined;
    for (const slot of this.#withCore(hashOf(fact.core))) {
      if (ids[slot] === excludeId) continue;
      // Afresh, not the entry's words: a duplicate is declared only on what the content itself says.
      const theirs = factOf(contents[slot]!);
      if (theirs.core !== fact.core) continue;
      const score = similarity(fact.words, theirs.words);
      if (!best || score > best.similarity) best = { id: ids[slot]!, similarity: score };
    }
    return best;
  }

  /**
   * Active memories that share much of `content`'s words without stating the same fact, most
   * similar first: the ones a new fact may supersede ("12 partitions" → "now 24 partitions").
   */
  related(content: string, { excludeId, limit = 3 }: { excludeId?: string; limit?: number } = {}): RelatedMemory[] {
    return relatedIn(this.#wordPostings(), this.#entries, content, excludeId, limit);
  }

  #insert({ id, content, archivedAt }: IndexedMemory, { key, core }: FactHashes): void {
    const entries = this.#entries;
    const slot = entries.push(id, content, key, core ?? NO_CORE, archivedAt !== undefined);
    this.#live++;
    this.#byId?.set(id, slot);
    if (this.#byKey) addToBucket(this.#byKey, key, slot);
    if (this.#byCore && core !== undefined) addToBucket(this.#byCore, core, slot);
    if (this.#byWord && archivedAt === undefined) addPostings(this.#byWord, entries, slot);
  }

  /**
   * Mostly removed entries: kept ones move to new slots, so the lookups naming slots are made
   * again (at least half the entries were removed since they were made), by id, key and core
   * when next needed. The postings are made again now, of the entries posted, in their order:
   * one archived since it was posted still counts in its words' frequencies, which order the
   * look-up of related memories, so the index answers as it would have without compacting.
   */
  #compact(): void {
    const entries = (this.#entries = this.#entries.compacted());
    this.#cursor = 0;
    this.#byId = undefined;
    this.#byKey = undefined;
    this.#byCore = undefined;
    if (!this.#byWord) return;
    this.#byWord = new Map();
    for (let slot = 0; slot < entries.length; slot++) if (entries.isPosted(slot)) addPostings(this.#byWord, entries, slot);
  }

  /**
   * The slot of `id` when it comes a few places after the last one found so: the cap archives
   * a store's memories in their order, which is the entries', and a store far over the cap would
   * otherwise make the map of every id for it (see #slotOf).
   */
  #nextSlot(id: string): number | undefined {
    const entries = this.#entries;
    for (let slot = this.#cursor, end = Math.min(entries.length, slot + 16); slot < end; slot++) {
      if (entries.ids[slot] !== id || entries.isRemoved(slot)) continue;
      this.#cursor = slot + 1;
      return slot;
    }
    return undefined;
  }

  /**
   * The slot of `id`: found by scanning the entries for the first few (the one add of a process
   * started for it removes nothing, but asks whether its new id is indexed), then from a map of
   * every id, made once.
   */
  #slotOf(id: string): number | undefined {
    const entries = this.#entries;
    if (!this.#byId && ++this.#idScans > SCANNED_FINDS) {
      this.#byId = new Map();
      for (let slot = 0; slot < entries.length; slot++) if (!entries.isRemoved(slot)) this.#byId.set(entries.ids[slot]!, slot);
    }
    if (this.#byId) return this.#byId.get(id);
    for (let slot = 0; slot < entries.length; slot++) if (entries.ids[slot] === id && !entries.isRemoved(slot)) return slot;
    return undefined;
  }

  #withKey(key: number): Iterable<number> {
    return this.#bucketsBuilt() ? slotsIn(this.#byKey!.get(key)) : this.#scan(this.#entries.keys, key);
  }

  #withCore(core: number): Iterable<number> {
    return this.#bucketsBuilt() ? slotsIn(this.#byCore!.get(core)) : this.#scan(this.#entries.cores, core);
  }

  /** The slots not removed whose hash in `column` is `hash`. */
  #scan(column: Int32Array, hash: number): number[] {
    const entries = this.#entries;
    const slots: number[] = [];
    for (let slot = 0; slot < entries.length; slot++) if (column[slot] === hash && !entries.isRemoved(slot)) slots.push(slot);
    return slots;
  }

  /**
   * The key and core maps, made once a few look-ups have scanned the entries: scanning 100,000
   * hashes takes a fraction of a millisecond, making the maps a hundred times that, which the
   * one add of a process started for it (a Claude Code hook, a first add over the cap) never earns back.
   */
  #bucketsBuilt(): boolean {
    if (this.#byKey) return true;
    if (this.#finds <= SCANNED_FINDS) return false;
    const entries = this.#entries;
    this.#byKey = new Map();
    this.#byCore = new Map();
    for (let slot = 0; slot < entries.length; slot++) {
      if (entries.isRemoved(slot)) continue;
      addToBucket(this.#byKey, entries.keys[slot]!, slot);
      if (entries.cores[slot] !== NO_CORE) addToBucket(this.#byCore, entries.cores[slot]!, slot);
    }
    return true;
  }

  #wordPostings(): Map<string, Postings> {
    if (this.#byWord) return this.#byWord;
    const entries = this.#entries;
    const byWord = new Map<string, Postings>();
    for (let slot = 0; slot < entries.length; slot++) if (!entries.isRemoved(slot) && !entries.isArchived(slot)) addPostings(byWord, entries, slot);
    return (this.#byWord = byWord);
  }
}

/** Look-ups answered by scanning the entries before the key and core maps are made. */
const SCANNED_FINDS = 8;
