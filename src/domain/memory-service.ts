import { MAX_ACTIVE_PER_AGENT_DEFAULT } from './archive-cap.js';
import { type InsertOptions, MemoryChanges } from './memory-changes.js';
import { existingMemory, refuseTwin } from './memory-lookups.js';
import { MemoryError } from './errors.js';
import { type ContentAnalyses, IndexCache, type MemoryIndexes } from './memory-indexes.js';
import { MEMORY_TYPES, type Memory, type MemoryType } from './memory.js';
import { type Candidate, type Draft, draftOf } from './memory-draft.js';
import { newMemoryId } from './memory-id.js';
import type { RecordsRepair } from './store/store-records.js';
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

/**
 * The memory operations of one project store. Invariant kept by every write: `memories` is in
 * order of last change, oldest first, so "newest first" is a reverse walk, never a sort, and the
 * archive cap takes from the front.
 */
export class MemoryService {
  private readonly indexes: IndexCache;
  private readonly now: () => Date;
  /** The steps a change takes on the data; only ever run inside store.commit. */
  private readonly changes: MemoryChanges;

  constructor(
    private readonly store: MemoryStorePort,
    options: MemoryServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.changes = new MemoryChanges(this.now, options.newId ?? newMemoryId, options.maxActivePerAgent ?? MAX_ACTIVE_PER_AGENT_DEFAULT);
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
      const result = this.changes.insert(data, this.indexes.for(data, this.store), draft);
      return { result, write: result.created || result.restored === true };
    });
  }

  /**
   * Stores validated drafts in one commit; a draft the same as one stored (or one before it in
   * the batch) comes back as a duplicate. The cap is enforced once, after the batch.
   * `relatedLimit: 0` looks up no related memories, for a caller that shows none.
   */
  addDrafts(
    drafts: readonly Draft[],
    { archivedMatch = 'restore', relatedLimit = 3 }: Pick<InsertOptions, 'archivedMatch' | 'relatedLimit'> = {},
  ): Promise<{ added: Readonly<Memory>[]; restored: Readonly<Memory>[]; duplicates: Readonly<Memory>[]; related: RelatedToAdded[] }> {
    return this.store.commit((data) => {
      const added: Readonly<Memory>[] = [];
      const restored: Readonly<Memory>[] = [];
      const duplicates: Readonly<Memory>[] = [];
      const related: RelatedToAdded[] = [];
      const indexes = this.indexes.for(data, this.store);
      for (const draft of drafts) {
        // Once the reply's list is full, looking up more related memories is work nobody reads.
        const inserted = this.changes.insert(data, indexes, draft, { enforceCap: false, archivedMatch, relatedLimit: related.length < RELATED_LIST_MAX ? relatedLimit : 0 });
        (inserted.created ? added : inserted.restored ? restored : duplicates).push(inserted.memory);
        for (const near of inserted.related ?? []) related.push({ of: inserted.memory.id, ...near });
      }
      const changed = [...added, ...restored];
      this.changes.enforceCap(data, indexes, changed.map((memory) => memory.agent));
      // A batch past the cap archives again what it restored early on: that is not active, so not "restored".
      const byId = indexes.byId;
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
      this.changes.replace(data, indexes, current, updated);
      this.changes.archiveOverflow(data, indexes, updated.agent, updated.id);
      return { result: { memory: updated }, write: true };
    });
  }

  remove(id: string): Promise<{ deleted: true; id: string }> {
    return this.store.commit((data) => {
      const indexes = this.indexes.for(data, this.store);
      const current = existingMemory(indexes, id);
      this.changes.remove(data, indexes, current);
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
}
