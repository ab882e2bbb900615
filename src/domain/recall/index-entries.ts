// The near-duplicate index's memories as columns by slot (the order they were added): an object
// per memory, with its fields and flags, was a third of that index at 100,000 memories, and the
// postings and buckets that named those objects held 8 bytes a reference where a slot takes 4.

/** The core hash of a content with no fact core (hashes are 30-bit, never negative). */
export const NO_CORE = -1;

const ARCHIVED = 1;
/** In the word postings (an active memory, once they are built). */
const POSTED = 2;
/** Left the index: its slot stays, skipped, until the entries are compacted. */
const REMOVED = 4;

export class IndexEntries {
  /** hashOf(exact key) and hashOf(fact core) (NO_CORE for none): a bucket names candidates, never a match. */
  keys = new Int32Array(64);
  cores = new Int32Array(64);
  #flags = new Uint8Array(64);

  constructor(
    readonly ids: string[] = [],
    readonly contents: string[] = [],
  ) {}

  /** Entries of distinct ids in slots 0.., from columns of one length, as pushing each in turn would make them. */
  static ofColumns(ids: string[], contents: string[], { keys, cores }: { keys: Int32Array<ArrayBuffer>; cores: Int32Array<ArrayBuffer> }, archived: readonly boolean[]): IndexEntries {
    const length = ids.length;
    if (contents.length !== length || keys.length !== length || cores.length !== length || archived.length !== length) throw new Error('internal error: index columns of different lengths');
    const entries = new IndexEntries(ids, contents);
    entries.keys = keys;
    entries.cores = cores;
    entries.#flags = new Uint8Array(length);
    for (let slot = 0; slot < length; slot++) if (archived[slot]) entries.#flags[slot] = ARCHIVED;
    return entries;
  }
  /**
   * The fact's distinct words of the entries a related-memory look-up scored, by slot. Posting
   * every active memory derives them without keeping them: held for 100,000 they were a fifth of the index.
   */
  readonly words = new Map<number, readonly string[]>();

  get length(): number {
    return this.ids.length;
  }

  /** The new entry's slot. */
  push(id: string, content: string, key: number, core: number, archived: boolean): number {
    const slot = this.ids.length;
    if (slot === this.keys.length) {
      this.keys = grown(this.keys);
      this.cores = grown(this.cores);
      this.#flags = grown(this.#flags);
    }
    this.ids.push(id);
    this.contents.push(content);
    this.keys[slot] = key;
    this.cores[slot] = core;
    this.#flags[slot] = archived ? ARCHIVED : 0;
    return slot;
  }

  isArchived(slot: number): boolean {
    return (this.#flags[slot]! & ARCHIVED) !== 0;
  }

  isPosted(slot: number): boolean {
    return (this.#flags[slot]! & POSTED) !== 0;
  }

  isRemoved(slot: number): boolean {
    return (this.#flags[slot]! & REMOVED) !== 0;
  }

  markArchived(slot: number): void {
    this.#flags[slot]! |= ARCHIVED;
  }

  markPosted(slot: number): void {
    this.#flags[slot]! |= POSTED;
  }

  markRemoved(slot: number): void {
    this.#flags[slot]! |= REMOVED;
  }

  /** The entries not removed, in their order and with their flags: every slot changes, so whatever named one is made again. */
  compacted(): IndexEntries {
    const kept = new IndexEntries();
    for (let slot = 0; slot < this.length; slot++) {
      if (this.isRemoved(slot)) continue;
      const at = kept.push(this.ids[slot]!, this.contents[slot]!, this.keys[slot]!, this.cores[slot]!, false);
      kept.#flags[at] = this.#flags[slot]!;
    }
    return kept;
  }
}

function grown<T extends Int32Array | Uint8Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(64, array.length * 2));
  bigger.set(array);
  return bigger;
}
