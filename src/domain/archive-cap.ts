import type { Memory } from './memory.js';
import type { MemoryIndexes } from './memory-indexes.js';
import type { StoreData } from './store/store-file.js';

/** Active memories an agent keeps per project before the oldest go to the archive. */
export const MAX_ACTIVE_PER_AGENT_DEFAULT = 1_000;

/**
 * Moves `agent`'s least recently changed active memories to the archive until at most
 * `maxActive` stay active; `keepId` (a memory just restored or updated) is never moved. One pass
 * from the store's oldest end (memories are kept in order of last change), each archived copy
 * swapped into the lookups that tell active from archived: a store far over the cap meets it in
 * one add (npm run bench "first add over the cap").
 */
export function archiveOverflow(data: StoreData, indexes: MemoryIndexes, agent: string, { maxActive, stamp, keepId }: { maxActive: number; stamp: string; keepId?: string }): void {
  let excess = (indexes.activeByAgent.get(agent) ?? 0) - maxActive;
  for (let i = 0; excess > 0 && i < data.memories.length; i++) {
    const memory = data.memories[i]!;
    if (memory.agent !== agent || memory.archivedAt !== undefined || memory.id === keepId) continue;
    const archived = archivedCopy(memory, stamp);
    data.memories[i] = archived;
    indexes.archive(memory, archived);
    excess--;
  }
}

const STORED_FIELDS = ['id', 'agent', 'type', 'content', 'createdAt', 'updatedAt'] as const;

/**
 * `memory` with `archivedAt`, its fields in the same order. Written out field by field when it
 * holds exactly the fields this server stores, in their order: spreading a memory JSON.parse
 * made costs ~8× more, and the cap archives 99,000 at once when a 100,000-memory store first
 * meets it (npm run bench "first add over the cap"). Any other record (a field a person or a
 * newer tool added) is spread, so nothing in it is lost.
 */
function archivedCopy(memory: Memory, stamp: string): Memory {
  const keys = Object.keys(memory);
  if (keys.length !== STORED_FIELDS.length || keys.some((key, i) => key !== STORED_FIELDS[i])) return { ...memory, archivedAt: stamp };
  return { id: memory.id, agent: memory.agent, type: memory.type, content: memory.content, createdAt: memory.createdAt, updatedAt: memory.updatedAt, archivedAt: stamp };
}

