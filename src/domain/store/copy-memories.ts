import { MemoryError } from '../errors.js';
import type { Memory } from '../memory.js';
import type { MemoryStorePort } from './store-port.js';

export interface CopyReport {
  /** Memories in the source, archived ones included. */
  source: number;
  copied: number;
  /** Already in the target with the same id and the same record (a migration run twice). */
  alreadyThere: number;
}

/**
 * Copies every memory of `source` into `target` as it is (id, timestamps, archive state, extra
 * fields), in one commit, without going through add: a copy is not a new learning, so no
 * duplicate check or cap may drop or change any of it. The source is only read. A memory whose
 * id the target holds with a different record is never overwritten: the copy is refused whole.
 * Afterwards the target is read back and every source memory must be in it.
 */
export async function copyMemories(source: MemoryStorePort, target: MemoryStorePort): Promise<CopyReport> {
  const memories = (await source.read()).memories;
  const report = await target.commit((data) => {
    const present = new Map(data.memories.map((memory) => [memory.id, memory]));
    const clashes = memories.filter((memory) => present.has(memory.id) && !sameRecord(present.get(memory.id)!, memory));
    if (clashes.length > 0) {
      throw new MemoryError(
        'invalid_argument',
        `${target.location} already holds ${clashes.length} memories with the ids of different ones in ${source.location} (e.g. "${clashes[0]!.id}"); nothing was copied. Move one store aside, or delete those memories from the target, then retry.`,
      );
    }
    const missing = memories.filter((memory) => !present.has(memory.id));
    for (const memory of missing) data.memories.push({ ...memory } as Memory);
    return { result: { source: memories.length, copied: missing.length, alreadyThere: memories.length - missing.length }, write: missing.length > 0 };
  });
  const after = new Map((await target.read()).memories.map((memory) => [memory.id, memory]));
  const lost = memories.filter((memory) => !after.has(memory.id) || !sameRecord(after.get(memory.id)!, memory));
  if (lost.length > 0) {
    throw new MemoryError('store_unavailable', `After the copy ${target.location} lacks ${lost.length} of the ${memories.length} memories of ${source.location}; the source is unchanged. Retry, or report this.`);
  }
  return report;
}

/** The same record whatever order its fields came in (a database row comes back in its own order). */
function sameRecord(a: Readonly<Memory>, b: Readonly<Memory>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify((a as Record<string, unknown>)[key]) === JSON.stringify((b as Record<string, unknown>)[key]));
}
