import type { Memory } from '../../memory.js';

/** One row of data_engineer.memories as node-postgres returns it (bigint columns come back as strings). */
export interface MemoryRow {
  id: string;
  agent: string;
  type: string;
  content: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  extra: Record<string, unknown> | null;
  ord: string;
}

export const MEMORY_COLUMNS = 'id, agent, type, content, created_at, updated_at, archived_at, extra, ord';

const KNOWN = new Set(['id', 'agent', 'type', 'content', 'createdAt', 'updatedAt', 'archivedAt']);

export function memoryFromRow(row: MemoryRow): Memory {
  const memory: Memory = {
    ...row.extra,
    id: row.id,
    agent: row.agent,
    type: row.type as Memory['type'],
    content: row.content,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.archived_at !== null) memory.archivedAt = row.archived_at;
  return memory;
}

/** Fields beyond the known ones (a store is loose: they survive every write), or null. */
export function extraOf(memory: Readonly<Memory>): string | null {
  let extra: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(memory)) {
    if (KNOWN.has(key)) continue;
    (extra ??= {})[key] = value;
  }
  return extra ? JSON.stringify(extra) : null;
}

/** Memories as the column arrays of one `INSERT … SELECT * FROM unnest(…)`: one statement for a 10,000-memory import. */
export function memoryColumns(memories: readonly { memory: Readonly<Memory>; ord: number }[]): unknown[][] {
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const { memory, ord } of memories) {
    const values = [memory.id, memory.agent, memory.type, memory.content, memory.createdAt, memory.updatedAt, memory.archivedAt ?? null, extraOf(memory), String(ord)];
    values.forEach((value, i) => columns[i]!.push(value));
  }
  return columns;
}
