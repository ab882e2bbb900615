import { archiveOverflow } from './archive-cap.js';
import type { MemoryIndexes } from './memory-indexes.js';
import type { Memory } from './memory.js';
import type { Draft } from './memory-draft.js';
import type { AddResult } from './memory-results.js';
import type { StoreData } from './store/store-file.js';

export interface InsertOptions {
  enforceCap?: boolean;
  /** A fact learned again revives its archived memory; an import of records keeps the archive as it is. */
  archivedMatch?: 'restore' | 'keep';
  /** How many related memories to look up for a new one (0: none). */
  relatedLimit?: number;
}

/**
 * The steps a MemoryService change takes on the data, inside MemoryStorePort.commit: only there
 * is the data writable (StoreData; everything handed out is a read-only StoreSnapshot), and only
 * there are `indexes` the lookups of that very data. Each keeps the service's invariant: memories
 * in order of last change, oldest first, so the archive cap takes from the front.
 */
export class MemoryChanges {
  constructor(
    private readonly now: () => Date,
    private readonly newId: () => string,
    private readonly maxActive: number,
  ) {}

  /**
   * Inserts a validated draft unless the agent already holds the same or nearly the same content.
   * Held in the archive, that memory comes back to active: the fact was just learned again, so
   * it is current, and leaving it archived would keep it out of the prompt for good.
   * `enforceCap: false` leaves the archive cap to one `enforceCap` call after a batch: the cap
   * scans the store from its oldest end, so enforcing it per insert made a 10,000-block import
   * quadratic (seconds instead of a fraction of one). The archived set comes out the same.
   * `relatedLimit` bounds the related memories looked up (0: none).
   */
  insert(data: StoreData, indexes: MemoryIndexes, draft: Draft, { enforceCap = true, archivedMatch = 'restore', relatedLimit = 3 }: InsertOptions = {}): AddResult {
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
  enforceCap(data: StoreData, indexes: MemoryIndexes, agents: Iterable<string>): void {
    for (const agent of new Set(agents)) this.archiveOverflow(data, indexes, agent);
  }

  /** Moves the agent's least recently changed active memories to the archive until it is within the cap. */
  archiveOverflow(data: StoreData, indexes: MemoryIndexes, agent: string, keepId?: string): void {
    archiveOverflow(data, indexes, agent, { maxActive: this.maxActive, stamp: this.now().toISOString(), keepId });
  }

  /** Swaps in the new version at the end: the array stays ordered by last change. */
  replace(data: StoreData, indexes: MemoryIndexes, current: Memory, updated: Memory): void {
    data.memories.splice(data.memories.indexOf(current), 1);
    data.memories.push(updated);
    indexes.untrack(current);
    indexes.track(updated);
  }

  remove(data: StoreData, indexes: MemoryIndexes, current: Memory): void {
    data.memories.splice(data.memories.indexOf(current), 1);
    indexes.untrack(current);
  }

  /** Makes an archived memory active again as its agent's most recent change; the cap then archives the oldest. */
  private restore(data: StoreData, indexes: MemoryIndexes, archived: Memory, enforceCap: boolean): Memory {
    const restored: Memory = { ...archived, updatedAt: this.now().toISOString() };
    delete restored.archivedAt;
    this.replace(data, indexes, archived, restored);
    if (enforceCap) this.archiveOverflow(data, indexes, restored.agent, restored.id);
    return restored;
  }

  private uniqueId(indexes: MemoryIndexes): string {
    let id = this.newId();
    while (indexes.byId.has(id)) id = this.newId();
    return id;
  }
}
