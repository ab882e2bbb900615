import { type Memory, MemorySchema, isMemoryRecord } from '../memory.js';

/**
 * A record of a store's `memories` that the store does not use as it is: one that breaks the
 * schema (a hand edit: `archivedAt: null`, `type: "Pattern"`, no `updatedAt`), or a second
 * record with an id already taken. Reads serve the rest; writes wait for a repair (see
 * MemoryStore.repairRecords), so that a record no one can see is never written away.
 */
export type StoreFlaw =
  | { kind: 'invalid'; index: number; id: string | undefined; field: string; rule: string; record: unknown }
  /** An exact copy of an earlier record: served once, the copy moved aside by the repair. */
  | { kind: 'duplicate_copy'; index: number; id: string; record: unknown }
  /** Another memory under an earlier record's id: served (and repaired) under `renamedTo`. */
  | { kind: 'duplicate_id'; index: number; id: string; renamedTo: string };

/** What a repair did: the flaws it resolved and the side file holding the records it moved (none when there were none). */
export interface RecordsRepair {
  flaws: readonly StoreFlaw[];
  keptAt: string | undefined;
}

const RecordSchema = MemorySchema.loose();

/**
 * The memories a store's records hold, and what is wrong with the others. Deterministic, so
 * every process and every read serves the same ids: the first record with an id keeps it; a later
 * exact copy is left out; a later different memory with that id gets `<id>-2` (or the next
 * number no record uses).
 */
export function checkRecords(records: readonly unknown[]): { memories: Memory[]; flaws: StoreFlaw[] } {
  const memories: Memory[] = [];
  const flaws: StoreFlaw[] = [];
  const firstWithId = new Map<string, Memory>();
  // Every id any record uses, built at the first collision (a clean store never needs it).
  let taken: Set<string> | undefined;
  records.forEach((record, index) => {
    const checked = isMemoryRecord(record) ? { success: true as const } : RecordSchema.safeParse(record);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const id = (record as { id?: unknown } | null)?.id;
      flaws.push({ kind: 'invalid', index, id: typeof id === 'string' ? id : undefined, field: issue.path.join('.') || '(the record)', rule: issue.message, record });
      return;
    }
    // The parsed record itself, not zod's copy of it: a big store is not held twice while read.
    const memory = record as Memory;
    const first = firstWithId.get(memory.id);
    if (first === undefined) {
      firstWithId.set(memory.id, memory);
      memories.push(memory);
    } else if (JSON.stringify(first) === JSON.stringify(memory)) {
      flaws.push({ kind: 'duplicate_copy', index, id: memory.id, record });
    } else {
      taken ??= new Set(records.map((other) => (other as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string'));
      let n = 2;
      while (taken.has(`${memory.id}-${n}`)) n++;
      const renamedTo = `${memory.id}-${n}`;
      taken.add(renamedTo);
      flaws.push({ kind: 'duplicate_id', index, id: memory.id, renamedTo });
      memories.push({ ...memory, id: renamedTo });
    }
  });
  return { memories, flaws };
}
