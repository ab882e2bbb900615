import type { AddResult } from '../domain/memory-service.js';
import type { Memory } from '../domain/memory.js';

/** The sentences the tools and the CLI both answer with, so a person and a model read the same. */

export function addedMessage(result: AddResult, restoreHint: string): string {
  const { memory } = result;
  if (result.created) return `Stored ${memory.type} memory ${memory.id}: ${memory.content}`;
  const same = result.similarity === 1 ? 'the same' : 'nearly the same';
  if (result.restored) return `Restored from the archive: memory ${memory.id} already said ${same} and is active again: ${memory.content}`;
  const archived = memory.archivedAt ? ` (archived; ${restoreHint})` : '';
  return `Not stored again: memory ${memory.id} already says ${same}: ${memory.content}${archived}`;
}

/** "Archived" and "Restored" when that is what the call did, else "Updated". */
export function updatedMessage(archived: boolean | undefined, memory: Memory): string {
  const verb = archived === true ? 'Archived' : archived === false ? 'Restored' : 'Updated';
  return `${verb} ${memory.id}: [${memory.type}] ${memory.content}`;
}

export const deletedMessage = (id: string): string => `Deleted memory ${id}.`;

/** What extract_memories says when the text held no block at all: the shape it looks for. */
export const NO_BLOCK_MESSAGE = [
  'No "# Add To Memory:" block was found in the text, so nothing was stored. A block looks like:',
  '',
  '# Add To Memory:',
  'Type: performance',
  'Content: Partition the events table by day; queries prune 95% of files',
  '#',
  '',
  '("# Remember:" and "# Memorize:" work too; Type is one of pattern, architecture, guideline, mistake, strategy, integration, performance, context.)',
].join('\n');

/** Set when an export names an agent that is neither loaded nor has any memory here (a typo, most likely). */
export function unknownAgentMessage(agent: string, stored: readonly Memory[], loaded: Iterable<string>): string | undefined {
  const known = new Set(loaded);
  if (known.has(agent)) return undefined;
  for (const memory of stored) {
    if (memory.agent === agent) return undefined;
    known.add(memory.agent);
  }
  return `No agent named "${agent}" is loaded or has memories in this project, so there is nothing to export. Agents here: ${[...known].sort().join(', ') || 'none'}.`;
}

/** Whether a refusal is about reaching the memory folder (the store's I/O errors name their path and start so). */
export const isMemoryFolderProblem = (message: string, memoryDir: string): boolean => message.startsWith('Could not ') && message.includes(memoryDir);
