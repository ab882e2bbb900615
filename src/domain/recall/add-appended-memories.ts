import { type Memory, isMemoryRecord } from '../memory.js';
import type { MemoryIndex } from './memory-index.js';

/**
 * Adds to `index`, the search index over a store's active memories, the active ones of `records`
 * appended to that store, so that it is the index a build from the whole store makes (the same
 * slots and terms in the same order). Only when a read of the store would serve every record as
 * it is: each a sound memory (isMemoryRecord, the test the store's own read applies) under an id
 * that neither another record nor the store uses (the index's ids and `archivedIds`, the store's
 * archived memories); else a read leaves a record out or serves it renamed (store-records.ts),
 * and this returns false with the index unchanged. The store the index was made from must have
 * had no such record itself (its renaming looks at every id, appended ones too).
 */
export function addAppendedMemories(index: MemoryIndex, records: readonly unknown[], archivedIds: ReadonlySet<string>): boolean {
  const memories: Memory[] = [];
  const ids = new Set<string>();
  for (const record of records) {
    if (!isMemoryRecord(record) || ids.has(record.id) || archivedIds.has(record.id) || index.memoryOf(record.id) !== undefined) return false;
    ids.add(record.id);
    memories.push(record);
  }
  for (const memory of memories) if (memory.archivedAt === undefined) index.add(memory);
  return true;
}
