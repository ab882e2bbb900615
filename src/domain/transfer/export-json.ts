import type { Memory } from '../memory.js';

export const EXPORT_FORMAT = 'data-engineer-mcp/memories';
export const EXPORT_VERSION = 1;

/**
 * Full memory objects, ids and timestamps included, so the file is a faithful backup.
 * No exportedAt: the domain has no clock, and the same memories should give the same bytes.
 */
export function exportJson(memories: Memory[]): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, memories }, null, 2)}\n`;
}
