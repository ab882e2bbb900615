import type { Memory } from './memory.js';
import type { StoreData } from './store/store-file.js';
import { exactKey } from './validate-memory.js';

/**
 * Lookups derived from one version of the store data. They are rebuilt when the store hands
 * out a different data object (the file changed on disk, e.g. another process wrote) and kept
 * in step by the service for its own writes, so a write never pays for a full rebuild.
 */
export class MemoryIndexes {
  readonly byId = new Map<string, Memory>();
  readonly byExactKey = new Map<string, Memory>();

  constructor(readonly data: StoreData) {
    for (const memory of data.memories) this.track(memory);
  }

  track(memory: Memory): void {
    this.byId.set(memory.id, memory);
    this.byExactKey.set(exactKey(memory.agent, memory.content), memory);
  }

  untrack(memory: Memory): void {
    this.byId.delete(memory.id);
    const key = exactKey(memory.agent, memory.content);
    if (this.byExactKey.get(key) === memory) this.byExactKey.delete(key);
  }
}

export class IndexCache {
  private current: MemoryIndexes | undefined;

  for(data: StoreData): MemoryIndexes {
    if (this.current?.data !== data) this.current = new MemoryIndexes(data);
    return this.current;
  }
}
