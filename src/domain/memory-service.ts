import { MAX_ACTIVE_PER_AGENT_DEFAULT, archiveOverflow } from './archive-cap.js';
import { existingMemory, refuseTwin } from './memory-lookups.js';
import { MemoryError } from './errors.js';
import { type ContentAnalyses, IndexCache, type MemoryIndexes } from './memory-indexes.js';
import { MEMORY_TYPES, type Memory, type MemoryType } from './memory.js';
import { type Candidate, type Draft, draftOf } from './memory-draft.js';
import { newMemoryId } from './memory-id.js';
import type { RecordsRepair } from './store/store-records.js';
import type { StoreData } from './store/store-file.js';
import type { MemoryStorePort, StoreSnapshot } from './store/store-port.js';
import type { StoreFlaw } from './store/store-records.js';
import { validContent, validType } from './validate-memory.js';

export type { Candidate, Draft } from './memory-draft.js';
export { type AddResult, RELATED_LIST_MAX, type RelatedToAdded } from './memory-results.js';
import { type AddResult, RELATED_LIST_MAX, type RelatedToAdded } from './memory-results.js';
export { newMemoryId } from './memory-id.js';

export { MAX_ACTIVE_PER_AGENT_DEFAULT } from './archive-cap.js';

export interface MemoryServiceOptions {
  now?: () => Date;
  newId?: () => string;
  /** Active memories an agent keeps; past it the least recently changed move to the archive. */
  maxActivePerAgent?: number;
  /** Analyses kept from earlier processes (the Claude Code hooks' analysis caches). */
  analyses?: ContentAnalyses;
}

interface InsertOptions {
  enforceCap?: boolean;
  /** A fact learned again revives its archived memory; an import of records keeps the archive as it is. */
  archivedMatch?: 'restore' | 'keep';
  /** How many related memories to look up for a new one (0: none). */
  relatedLimit?: number;
}

/**
 * The memory operations of one project store. Invariant kept by every write: `memories` is in
 * order of last change, oldest first, so "newest first" is a reverse walk, never a sort, and the
 * archive cap takes from the front.
 */
export class MemoryService {
  private readonly indexes: IndexCache;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly maxActive: number;

  constructor(
    private readonly store: MemoryStorePort,
    options: MemoryServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? newMemoryId;
    this.maxActive = options.maxActivePerAgent ?? MAX_ACTIVE_PER_AGENT_DEFAULT;
    this.indexes = new IndexCache(options.analyses);
  }

  /** Where the store lives, safe to show: a file path, or a URL without its password. */
  get location(): string {
    return this.store.location;
  }

  /** Records the store leaves out or serves renamed (see StoreFlaw); while any, writes are refused. */
  get flaws(): readonly StoreFlaw[] {
    return this.store.flaws;
  }

  /** Whether the store was written by a newer server: readable, never written here. */
  get readOnlyBecauseNewer(): boolean {
    return this.store.readOnlyBecauseNewer;
  }

  /** See MemoryStorePort.ready and watch. */
  ready(): Promise<void> {
    return this.store.ready();
  }

  watch(onChange: () => void, onError: (error: Error) => void): () => void {
    return this.store.watch(onChange, onError);
  }

  async snapshot(): Promise<{ data: StoreSnapshot; indexes: MemoryIndexes }> {
    const data = await this.store.read();
    return { data, indexes: this.indexes.for(data, this.store) };
  }

  /** Async so that a refused candidate rejects the promise rather than throwing at the call. */
  async add(input: Candidate): Promise<AddResult> {
    const draft = draftOf(input);
    return this.store.commit((data) => {
      const result = this.insert(data, draft);
      return { result, write: result.created || result.restored === true };
    });
  }

  /**
   * Stores validated drafts in one commit; a draft the same as one stored (or one before it in
   * the batch) comes back as a duplicate. The cap is enforced once, after the batch.
   */
  addDrafts(
    drafts: readonly Draft[],
    { archivedMatch = 'restore' }: Pick<InsertOptions, 'archivedMatch'> = {},
  ): Promise<{ added: Readonly<Memory>[]; restored: Readonly<Memory>[]; duplicates: Readonly<Memory>[]; related: RelatedToAdded[] }> {
    return this.store.commit((data) => {
      const added: Readonly<Memory>[] = [];
      const restored: Readonly<Memory>[] = [];
      const duplicates: Readonly<Memory>[] = [];
      const related: RelatedToAdded[] = [];
      for (const draft of drafts) {
        // Once the reply's list is full, looking up more related memories is work nobody reads.
        const inserted = this.insert(data, draft, { enforceCap: false, archivedMatch, relatedLimit: related.length < RELATED_LIST_MAX ? 3 : 0 });
        (inserted.created ? added : inserted.restored ? restored : duplicates).push(inserted.memory);
        for (const near of inserted.related ?? []) related.push({ of: inserted.memory.id, ...near });
      }
      const changed = [...added, ...restored];
      this.enforceCap(data, changed.map((memory) => memory.agent));
      // A batch past the cap archives again what it restored early on: that is not active, so not "restored".
      const byId = this.indexes.for(data, this.store).byId;
      const stillActive = (memory: Memory) => byId.get(memory.id)?.archivedAt === undefined;
      const result = {
        added,
        restored: restored.filter(stillActive),
        duplicates: [...duplicates, ...restored.filter((memory) => !stillActive(memory))],
        related: related.slice(0, RELATED_LIST_MAX),
      };
      return { result, write: changed.length > 0 };
    });
  }

  /**
   * Inserts a validated draft unless the agent already holds the same or nearly the same content.
   * Held in the archive, that memory comes back to active: the fact was just learned again, so
   * it is current, and leaving it archived would keep it out of the prompt for good.
   * `enforceCap: false` leaves the archive cap to one `enforceCap` call after a batch: the cap
   * scans the store from its oldest end, so enforcing it per insert made a 10,000-block import
   * quadratic (seconds instead of a fraction of one). The archived set comes out the same.
   * `relatedLimit` bounds the related memories looked up (0: none).
   */
  private insert(data: StoreData, draft: Draft, { enforceCap = true, archivedMatch = 'restore', relatedLimit = 3 }: InsertOptions = {}): AddResult {
    const indexes = this.indexes.for(data, this.store);
    // The near-duplicate index looks for the exact key first: a second map of every key would
    // cost a store far over the cap its first add twice (npm run bench "first add over the cap").
    const near = indexes.nearDuplicatesOf(draft.agent).find(draft.content);
    const known = near && indexes.byId.get(near.id);
    if (known) {
      const { similarity } = near;
      if (known.archivedAt === undefined || archivedMatch === 'keep') return { memory: known, created: false, similarity };
      return { memory: this.restore(data, indexes, known, enforceCap), created: false, similarity, restored: true };
    }
    const stamp = this.now().toISOString();
    const memory: Memory = {
      id: this.uniqueId(indexes),
      agent: draft.agent,
      type: draft.type,
      content: draft.content,
      createdAt: draft.createdAt ?? stamp,
      updatedAt: stamp,
      ...(draft.author !== undefined && { author: draft.author }),
    };
    data.memories.push(memory);
    indexes.track(memory);
    if (enforceCap) this.archiveOverflow(data, indexes, memory.agent);
    // After the cap: what it archives is no longer active, and a big store meeting the cap then
    // builds the related-word postings over the memories it keeps, not over all it held.
    const related = relatedLimit > 0 ? indexes.nearDuplicatesOf(draft.agent).related(draft.content, { excludeId: memory.id, limit: relatedLimit }) : [];
    return { memory, created: true, related };
  }

  /** Brings each agent back within the cap after inserts made with `enforceCap: false`. */
  private enforceCap(data: StoreData, agents: Iterable<string>): void {
    const indexes = this.indexes.for(data, this.store);
    for (const agent of new Set(agents)) this.archiveOverflow(data, indexes, agent);
  }

  async update(input: { id: string; content?: string; type?: string; archived?: boolean }): Promise<{ memory: Readonly<Memory> }> {
    if (input.content === undefined && input.type === undefined && input.archived === undefined) {
      throw new MemoryError('invalid_argument', 'update_memory needs content, type or archived; pass what should change.');
    }
    const content = input.content === undefined ? undefined : validContent(input.content);
    const type = input.type === undefined ? undefined : validType(input.type);
    return this.store.commit((data) => {
      const indexes = this.indexes.for(data, this.store);
      const current = existingMemory(indexes, input.id);
      if (content !== undefined) refuseTwin(indexes, current, content);
      const stamp = this.now().toISOString();
      const updated: Memory = { ...current, content: content ?? current.content, type: type ?? current.type, updatedAt: stamp };
      if (input.archived === true) updated.archivedAt = current.archivedAt ?? stamp;
      if (input.archived === false) delete updated.archivedAt;
      this.replace(data, indexes, current, updated);
      this.archiveOverflow(data, indexes, updated.agent, updated.id);
      return { result: { memory: updated }, write: true };
    });
  }

  remove(id: string): Promise<{ deleted: true; id: string }> {
    return this.store.commit((data) => {
      const indexes = this.indexes.for(data, this.store);
      const current = existingMemory(indexes, id);
      data.memories.splice(data.memories.indexOf(current), 1);
      indexes.untrack(current);
      return { result: { deleted: true as const, id }, write: true };
    });
  }

  /** See MemoryStore.repairRecords: a store whose records need it becomes writable again. */
  repair(): Promise<RecordsRepair> {
    return this.store.repairRecords();
  }

  async countsByType(): Promise<Record<MemoryType | 'total' | 'archived', number>> {
    const { data } = await this.snapshot();
    const counts = Object.fromEntries([...MEMORY_TYPES, 'total', 'archived'].map((key) => [key, 0])) as Record<MemoryType | 'total' | 'archived', number>;
    for (const memory of data.memories) {
      if (memory.archivedAt !== undefined) {
        counts.archived++;
        continue;
      }
      counts[memory.type]++;
      counts.total++;
    }
    return counts;
  }

  /** Makes an archived memory active again as its agent's most recent change; the cap then archives the oldest. */
  private restore(data: StoreData, indexes: MemoryIndexes, archived: Memory, enforceCap: boolean): Memory {
    const restored: Memory = { ...archived, updatedAt: this.now().toISOString() };
    delete restored.archivedAt;
    this.replace(data, indexes, archived, restored);
    if (enforceCap) this.archiveOverflow(data, indexes, restored.agent, restored.id);
    return restored;
  }

  /** Moves the agent's least recently changed active memories to the archive until it is within the cap. */
  private archiveOverflow(data: StoreData, indexes: MemoryIndexes, agent: string, keepId?: string): void {
    archiveOverflow(data, indexes, agent, { maxActive: this.maxActive, stamp: this.now().toISOString(), keepId });
  }

  /** Swaps in the new version at the end: the array stays ordered by last change. */
  private replace(data: StoreData, indexes: MemoryIndexes, current: Memory, updated: Memory): void {
    data.memories.splice(data.memories.indexOf(current), 1);
    data.memories.push(updated);
    indexes.untrack(current);
    indexes.track(updated);
  }

  private uniqueId(indexes: MemoryIndexes): string {
    let id = this.newId();
    while (indexes.byId.has(id)) id = this.newId();
    return id;
  }
}
