import { MEMORY_TYPES, normaliseContent, type Memory, type MemoryType } from '../memory.js';
import { Bm25Index, type Bm25State, type FieldValues } from './bm25-index.js';
import type { TopOptions } from './top-k-search.js';
import { type BoostedText, queryBoosts } from './query-boosts.js';
import { termQueries } from './query-terms.js';
import { Ranking, type RecallHit } from './ranking.js';

export type { RecallHit } from './ranking.js';

export interface RecallFilter {
  agent?: string;
  type?: MemoryType;
  /** true: archived only; false: active only; absent: both. */
  archived?: boolean;
}

/** What a restored index must hold (see MemoryIndex.restore): by slot, dense. */
export interface MemoryIndexState {
  bm25: Bm25State;
  ids: readonly string[];
  updatedAt: readonly number[];
  typeOf: readonly number[];
  agentOf: readonly number[];
  archivedOf: readonly boolean[];
  /** Agent names in the order of their codes. */
  agents: readonly string[];
}

interface Entry extends BoostedText {
  /** A copy taken at add time: removing needs exactly the text that was indexed. */
  readonly memory: Memory;
  slot: number;
}

/**
 * An entry of a restored index: its memory is read from the snapshot on first use. A class with
 * plain fields: an accessor per object literal, or a private field, made restoring 10,000
 * entries cost several times more before the JIT.
 */
class KeptEntry implements Entry {
  kept: Memory | undefined = undefined;
  phraseText?: string;
  terms?: readonly string[];

  constructor(
    readonly slot: number,
    readonly memoryAt: (slot: number) => Memory,
  ) {}

  get memory(): Memory {
    return (this.kept ??= this.memoryAt(this.slot));
  }
}

const EMPTY = new Ranking({ best: () => ({ slots: [], scores: [], total: 0 }), id: () => '' });

/**
 * Ranked, in-process search over memories: BM25 over stemmed words (see bm25-index.ts), with
 * prefix and typo tolerance, a small synonym table and a boost for the exact phrase.
 * Keep it in step with the store by calling add/replace/remove on every write.
 */
export class MemoryIndex {
  readonly #entries = new Map<string, Entry>();
  /** A restored index whose entries are not all made yet (see restore). */
  #kept: { ids: () => readonly string[]; memoryAt: (slot: number) => Memory; slots: number } | undefined;
  /** Entries a search of a restored index made, by id, until #byId makes them all. */
  readonly #readById = new Map<string, Entry>();
  readonly #bm25: Bm25Index;
  // What a search reads of each match, by BM25 slot, in flat arrays: following each match to
  // its memory object (scattered over a big heap) cost more than scoring it.
  readonly #bySlot: Array<Entry | undefined> = [];
  readonly #updatedAt: number[] = [];
  readonly #typeOf: number[] = [];
  readonly #agentOf: number[] = [];
  readonly #archivedOf: boolean[] = [];
  readonly #agentCodes = new Map<string, number>();
  /** Counts writes, so a ranking can tell it outlived the slots it refers to. */
  #version = 0;

  constructor(memories: Iterable<Memory> = [], bm25 = new Bm25Index()) {
    this.#bm25 = bm25;
    for (const memory of memories) this.add(memory);
  }

  /**
   * The index whose `state()` (and memories by slot) were kept: it searches and changes exactly
   * as that one did. Its entries are made as a search reads them, and a memory is fetched by
   * `memoryAt` only then (a hook reads the few it shows); the ids, and every entry, only when a
   * lookup by id or a change needs them all.
   */
  static restore(state: Omit<MemoryIndexState, 'ids'>, kept: { ids: () => readonly string[]; memoryAt: (slot: number) => Memory }): MemoryIndex {
    const index = new MemoryIndex([], new Bm25Index(state.bm25));
    const slots = state.bm25.slots;
    for (let slot = 0; slot < slots; slot++) {
      index.#updatedAt[slot] = state.updatedAt[slot]!;
      index.#typeOf[slot] = state.typeOf[slot]!;
      index.#agentOf[slot] = state.agentOf[slot]!;
      index.#archivedOf[slot] = state.archivedOf[slot]!;
    }
    state.agents.forEach((agent, code) => index.#agentCodes.set(agent, code));
    index.#kept = { ...kept, slots };
    return index;
  }

  /** A restored index's entry of `slot`, made on first use (slots are dense until #byId made them all). */
  #entryAt(slot: number): Entry | undefined {
    const entry = this.#bySlot[slot];
    if (entry !== undefined || this.#kept === undefined || slot >= this.#kept.slots) return entry;
    const made = new KeptEntry(slot, this.#kept.memoryAt);
    this.#bySlot[slot] = made;
    this.#readById.set(made.memory.id, made);
    return made;
  }

  /** Every entry by id: a restored index makes the ones no search read yet. */
  #byId(): Map<string, Entry> {
    const kept = this.#kept;
    if (kept) {
      this.#kept = undefined;
      const ids = kept.ids();
      for (let slot = 0; slot < kept.slots; slot++) this.#entries.set(ids[slot]!, this.#bySlot[slot] ?? (this.#bySlot[slot] = new KeptEntry(slot, kept.memoryAt)));
      this.#readById.clear();
    }
    return this.#entries;
  }

  /** What `restore` takes, and the memories by slot; undefined once a removal left a slot empty. */
  state(): { state: MemoryIndexState; memories: Memory[] } | undefined {
    const byId = this.#byId();
    const entries = this.#bySlot;
    if (entries.length !== byId.size || entries.some((entry) => entry === undefined)) return undefined;
    const memories = entries.map((entry) => entry!.memory);
    const state: MemoryIndexState = {
      bm25: this.#bm25.state(),
      ids: memories.map((memory) => memory.id),
      updatedAt: this.#updatedAt,
      typeOf: this.#typeOf,
      agentOf: this.#agentOf,
      archivedOf: this.#archivedOf,
      agents: [...this.#agentCodes.keys()],
    };
    return { state, memories };
  }

  /** The memory indexed under `id`, as it was indexed. */
  memoryOf(id: string): Readonly<Memory> | undefined {
    return (this.#readById.get(id) ?? this.#byId().get(id))?.memory;
  }

  get size(): number {
    return this.#kept ? this.#kept.slots : this.#entries.size;
  }

  /** Adds a memory; adding an id that is already indexed replaces it. */
  add(memory: Memory): void {
    if (this.#byId().has(memory.id)) this.remove(memory.id);
    this.#version++;
    const copy = { ...memory };
    const slot = this.#bm25.add(fieldValues(copy));
    const entry: Entry = { memory: copy, slot };
    this.#entries.set(copy.id, entry);
    this.#bySlot[slot] = entry;
    // A number, not the ISO string: the bench store ties often, and comparing strings read from
    // all over the heap made picking a page's best hits cost as much as scoring them. A time
    // that does not parse counts as oldest rather than as NaN, which would tie with everything.
    this.#updatedAt[slot] = Date.parse(copy.updatedAt) || 0;
    this.#typeOf[slot] = MEMORY_TYPES.indexOf(copy.type);
    this.#agentOf[slot] = this.#agentCode(copy.agent);
    this.#archivedOf[slot] = copy.archivedAt !== undefined;
  }

  /** Removes a memory; an unknown id is ignored. */
  remove(id: string): void {
    const entry = this.#byId().get(id);
    if (!entry) return;
    this.#version++;
    this.#bm25.remove(entry.slot, fieldValues(entry.memory));
    this.#bySlot[entry.slot] = undefined;
    this.#entries.delete(id);
  }

  replace(memory: Memory): void {
    this.add(memory);
  }

  /** Matching memories, best first; equal scores put the most recently updated first. */
  search(query: string, filter: RecallFilter = {}): RecallHit[] {
    return this.rank(query, filter).top(Infinity);
  }

  /** Matching memories, ranked as `search` ranks them but sorted only as far as the caller reads. */
  rank(query: string, filter: RecallFilter = {}): Ranking {
    const text = normaliseContent(query);
    const accepts = this.#acceptor(filter);
    if (text === '' || accepts === null) return EMPTY;
    const words = this.#bm25.terms(text);
    const { queries, groupOf } = termQueries(text, words, (term) => this.#bm25.matches(term));
    const options: TopOptions = {
      count: 0,
      ...(accepts ? { accepts } : {}),
      ...queryBoosts(text, words, groupOf, (content) => this.#bm25.terms(content), (slot) => this.#entryAt(slot)!),
      tieBreak: (a, b) => {
        // Most recently updated first, then lower slot first.
        const first = this.#updatedAt[a]!;
        const second = this.#updatedAt[b]!;
        return (first < second ? 1 : first > second ? -1 : 0) || a - b;
      },
    };
    const version = this.#version;
    // Slots are reused, so a ranking read after a write could name the wrong memory.
    const unchanged = (): void => {
      if (this.#version !== version) throw new Error('MemoryIndex: a ranking was read after the index changed; search again');
    };
    return new Ranking({
      best: (count) => {
        unchanged();
        return this.#bm25.search(queries, { ...options, count });
      },
      id: (slot) => {
        unchanged();
        return this.#entryAt(slot)!.memory.id;
      },
    });
  }

  /** The filter as a test on slots; undefined when it keeps everything, null when it can keep nothing. */
  #acceptor(filter: RecallFilter): ((slot: number) => boolean) | undefined | null {
    const { type, agent, archived } = filter;
    if (type === undefined && agent === undefined && archived === undefined) return undefined;
    const typeCode = type === undefined ? undefined : MEMORY_TYPES.indexOf(type);
    const agentCode = agent === undefined ? undefined : this.#agentCodes.get(agent);
    if (agent !== undefined && agentCode === undefined) return null;
    return (slot) =>
      (typeCode === undefined || this.#typeOf[slot] === typeCode)
      && (agentCode === undefined || this.#agentOf[slot] === agentCode)
      && (archived === undefined || this.#archivedOf[slot] === archived);
  }

  #agentCode(agent: string): number {
    let code = this.#agentCodes.get(agent);
    if (code === undefined) this.#agentCodes.set(agent, (code = this.#agentCodes.size));
    return code;
  }
}

function fieldValues(memory: Memory): FieldValues {
  return [memory.content, memory.type, memory.agent];
}
