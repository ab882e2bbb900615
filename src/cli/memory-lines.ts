import type { Memory } from '../domain/memory.js';
import { type Style, alignColumns } from './output.js';

/** Memories as aligned rows a person scans: id, type, agent, last change, then the content. */
export function memoryRows(memories: readonly Memory[], style: Style): string[] {
  const rows = memories.map((memory) => [memory.id, memory.type, memory.agent, memory.updatedAt.slice(0, 10), memory.content]);
  return alignColumns(rows).map((line, i) => {
    const idWidth = rows[i]![0]!.length;
    return style.dim(line.slice(0, idWidth)) + line.slice(idWidth);
  });
}
