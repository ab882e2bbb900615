import type { MemoryIndexes } from './memory-indexes.js';
import type { Memory } from './memory.js';
import type { StoreSnapshot } from './store/store-port.js';

/**
 * The order in which an agent's active memories compete for the prompt's character budget:
 * with a task, the memories most relevant to it first, then the most recent of the rest;
 * without one, most recent first. The budget itself is applied when rendering.
 */
export function pickPromptMemories(
  data: StoreSnapshot,
  indexes: MemoryIndexes,
  agent: string,
  task: string | undefined,
): { ordered: Iterable<Memory>; total: number } {
  return { ordered: inPriorityOrder(data, indexes, agent, task), total: indexes.activeByAgent.get(agent) ?? 0 };
}

/**
 * Every word of the task becomes a fuzzy, prefix-matching search term; a task's opening says
 * what it is about, and searching a 20,000-character task word by word took half a second.
 */
const TASK_SEARCH_CHARS = 500;

/** Lazy, because rendering stops as soon as the budget is full: at 100,000 memories most are never visited. */
function* inPriorityOrder(data: StoreSnapshot, indexes: MemoryIndexes, agent: string, task: string | undefined): Generator<Memory> {
  const taken = new Set<string>();
  if (task?.trim()) {
    // rank(), not search(): the walk sorts out only as many hits as the budget takes.
    for (const hit of indexes.search(false).rank(task.slice(0, TASK_SEARCH_CHARS), { agent })) {
      taken.add(hit.id);
      yield indexes.byId.get(hit.id)!;
    }
  }
  for (let i = data.memories.length - 1; i >= 0; i--) {
    const memory = data.memories[i]!;
    if (memory.agent === agent && memory.archivedAt === undefined && !taken.has(memory.id)) yield memory;
  }
}
