import type { MemoryIndexes } from './memory-indexes.js';
import type { Memory } from './memory.js';
import type { Ranking } from './recall/ranking.js';
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
): { ordered: Iterable<Memory>; total: number; basis: PromptBasis } {
  // rank(), not search(): the walk sorts out only as many hits as the budget takes.
  const ranking = task?.trim() ? indexes.search(false).rank(task.slice(0, TASK_SEARCH_CHARS), { agent }) : undefined;
  const basis: PromptBasis = ranking === undefined ? 'recent' : ranking.total > 0 ? 'task' : 'recent-no-match';
  return { ordered: inPriorityOrder(data, indexes, agent, ranking), total: indexes.activeByAgent.get(agent) ?? 0, basis };
}

/** What put the memories in their order: relevance to the task, or recency (no task, or nothing matched it). */
export type PromptBasis = 'task' | 'recent' | 'recent-no-match';

/**
 * Every word of the task becomes a fuzzy, prefix-matching search term; a task's opening says
 * what it is about, and searching a 20,000-character task word by word took half a second.
 */
const TASK_SEARCH_CHARS = 500;

/** Lazy, because rendering stops as soon as the budget is full: at 100,000 memories most are never visited. */
function* inPriorityOrder(data: StoreSnapshot, indexes: MemoryIndexes, agent: string, ranking: Ranking | undefined): Generator<Memory> {
  const taken = new Set<string>();
  for (const hit of ranking ?? []) {
    taken.add(hit.id);
    yield indexes.byId.get(hit.id)!;
  }
  for (let i = data.memories.length - 1; i >= 0; i--) {
    const memory = data.memories[i]!;
    if (memory.agent === agent && memory.archivedAt === undefined && !taken.has(memory.id)) yield memory;
  }
}
