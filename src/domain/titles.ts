import type { MemoryType } from './memory.js';

/** data_engineer → "Data Engineer": the human name used in prompts, resources and exports. */
export function agentTitle(name: string): string {
  return name
    .split(/[_-]+/u)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

export function typeTitle(type: MemoryType): string {
  return type[0]!.toUpperCase() + type.slice(1);
}
