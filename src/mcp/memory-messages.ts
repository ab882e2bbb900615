import type { AddResult } from '../domain/memory-service.js';
import type { Memory } from '../domain/memory.js';

/** The sentences the tools and the CLI both answer with, so a person and a model read the same. */

export function addedMessage(result: AddResult, restoreHint: string): string {
  const { memory } = result;
  if (result.created) return `Stored ${memory.type} memory ${memory.id}: ${memory.content}`;
  const archived = memory.archivedAt ? ` (archived; ${restoreHint})` : '';
  return `Not stored again: memory ${memory.id} already says ${result.similarity === 1 ? 'the same' : 'nearly the same'}: ${memory.content}${archived}`;
}

/** "Archived" and "Restored" when that is what the call did, else "Updated". */
export function updatedMessage(archived: boolean | undefined, memory: Memory): string {
  const verb = archived === true ? 'Archived' : archived === false ? 'Restored' : 'Updated';
  return `${verb} ${memory.id}: [${memory.type}] ${memory.content}`;
}

export const deletedMessage = (id: string): string => `Deleted memory ${id}.`;
