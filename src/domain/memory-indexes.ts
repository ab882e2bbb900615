import type { Memory } from './memory.js';
import { MemoryIndex } from './recall/memory-index.js';
import type { FactColumns, FactHashes } from './recall/fact-hashes.js';
import { NearDuplicateIndex } from './recall/near-duplicate-index.js';
import type { MemoryStorePort, StoreChange, StoreSnapshot } from './store/store-port.js';

/**
 * Where an analysis cache answers for the contents it knows (src/domain/recall/cached-analyses.ts);
 * without one, every content is analysed here.
 */
export interface ContentAnalyses {
  facts?: (content: string) => FactHashes;
  /** The facts of every content of a list at once (an index built from a whole store), as `facts` gives each. */
  factsOfAll?: (contents: readonly string[]) => FactColumns;
}

/**
 * Lookups derived from one version of the store data. They are rebuilt when the store hands
 * out a different data object (the file changed on disk, e.g. another process wrote) and kept
 * in step by the service for its own writes, so a write never pays for a full rebuild.
 * The search and near-duplicate indexes cost the most to build, so they are built on first use:
 * a server that only adds never builds a search index, one that only reads never builds the other,
 * and the archive's search index waits for the first search of the archive.
 */
export class MemoryIndexes {
  /** Every memory by id: handed out read-only, since the store's caches assume no one changes a stored memory. */
  readonly byId: ReadonlyMap<string, Readonly<Memory>>;
  readonly #byId = new Map<string, Memory>();
  readonly activeByAgent = new Map<string, number>();
  /** Active and archived memories are searched apart: with the cap, most of a big store is archive. */
  private readonly searchIndexes = new Map<boolean, MemoryIndex>();
  private readonly nearDuplicates = new Map<string, NearDuplicateIndex>();

  constructor(
    readonly data: StoreSnapshot,
    /** The store version these lookups reflect. */
    public version: number,
    private readonly analyses: ContentAnalyses = {},
  ) {
    this.byId = this.#byId;
    // trackLookups for each, with the active count of a run of one agent's memories (a store is
    // mostly one agent's) added once per run: a hook builds these over 10,000 memories in a cold
    // process, where two Map calls a memory fewer show. Agents enter the map in the same order.
    const byId = this.#byId;
    let agent: string | undefined;
    let active = 0;
    for (const memory of data.memories) {
      byId.set(memory.id, memory);
      if (memory.archivedAt !== undefined) continue;
      if (memory.agent !== agent) {
        if (agent !== undefined) this.activeByAgent.set(agent, (this.activeByAgent.get(agent) ?? 0) + active);
        agent = memory.agent;
        active = 0;
      }
      active++;
    }
    if (agent !== undefined) this.activeByAgent.set(agent, (this.activeByAgent.get(agent) ?? 0) + active);
  }

  /** The search index over the active memories, or over the archive. */
  search(archived: boolean): MemoryIndex {
    let index = this.searchIndexes.get(archived);
    if (!index) {
      index = new MemoryIndex(this.data.memories.filter((memory) => (memory.archivedAt !== undefined) === archived));
      this.searchIndexes.set(archived, index);
    }
    return index;
  }

  /** Near-duplicate index over one agent's memories (active and archived). */
  nearDuplicatesOf(agent: string): NearDuplicateIndex {
    let index = this.nearDuplicates.get(agent);
    if (!index) {
      index = new NearDuplicateIndex(this.data.memories.filter((memory) => memory.agent === agent), this.analyses.facts, this.analyses.factsOfAll);
      this.nearDuplicates.set(agent, index);
    }
    return index;
  }

  /**
   * Another writer's change, applied in place of a rebuild. Idempotent, because an engine's log
   * also holds the commits this service tracked itself: a memory already tracked is skipped.
   */
  apply(change: StoreChange): void {
    for (const id of change.removed) {
      const memory = this.byId.get(id);
      if (memory) this.untrack(memory);
    }
    for (const memory of change.upserted) {
      const current = this.byId.get(memory.id);
      if (current === memory) continue;
      if (current) this.untrack(current);
      this.track(memory);
    }
    this.version = change.version;
  }

  /**
   * Swaps in the archived version of a memory (same id, agent and content): only the lookups
   * that tell active from archived change. The cap archives tens of thousands at once when a
   * big store first meets it; untrack + track each re-derived every content-keyed entry (9 s at
   * 100,000 memories, see npm run bench "first add over the cap").
   */
  archive(active: Memory, archived: Memory): void {
    this.#byId.set(archived.id, archived);
    this.activeByAgent.set(active.agent, (this.activeByAgent.get(active.agent) ?? 1) - 1);
    this.searchIndexes.get(false)?.remove(active.id);
    this.searchIndexes.get(true)?.add(archived);
    this.nearDuplicates.get(active.agent)?.markArchived(active.id);
  }

  track(memory: Memory): void {
    this.trackLookups(memory);
    this.searchIndexes.get(memory.archivedAt !== undefined)?.add(memory);
    this.nearDuplicates.get(memory.agent)?.add(memory);
  }

  untrack(memory: Memory): void {
    this.#byId.delete(memory.id);
    if (memory.archivedAt === undefined) this.activeByAgent.set(memory.agent, (this.activeByAgent.get(memory.agent) ?? 1) - 1);
    for (const index of this.searchIndexes.values()) index.remove(memory.id);
    this.nearDuplicates.get(memory.agent)?.remove(memory.id);
  }

  private trackLookups(memory: Memory): void {
    this.#byId.set(memory.id, memory);
    if (memory.archivedAt === undefined) this.activeByAgent.set(memory.agent, (this.activeByAgent.get(memory.agent) ?? 0) + 1);
  }
}

export class IndexCache {
  private current: MemoryIndexes | undefined;

  constructor(private readonly analyses: ContentAnalyses = {}) {}

  /** The lookups for `data`: kept while the store hands out the same object, caught up from its changes. */
  for(data: StoreSnapshot, store: Pick<MemoryStorePort, 'version' | 'changesSince'>): MemoryIndexes {
    const current = this.current;
    if (current?.data === data) {
      if (current.version === store.version) return current;
      const changes = store.changesSince(current.version);
      if (changes) {
        for (const change of changes) current.apply(change);
        current.version = store.version;
        return current;
      }
    }
    this.current = new MemoryIndexes(data, store.version, this.analyses);
    return this.current;
  }
}
