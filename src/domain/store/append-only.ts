import type { Memory } from '../memory.js';
import { type StoreData, headLine } from './store-file.js';

export interface BeforeChange {
  memories: readonly Memory[];
  header: string;
}

/**
 * What a change needs to remember to tell, afterwards, whether it only appended. The head line
 * holds the writeId too, which a change leaves alone (only a whole rewrite stamps a new one).
 */
export const beforeChange = (data: StoreData): BeforeChange => ({ memories: data.memories.slice(), header: headLine(data) });

/**
 * The memories a change added at the end, when that is all it did (an add: memories are kept in
 * order of last change, so a new one goes last); undefined when it changed anything else, which
 * then needs the whole file rewritten. Memory objects are never mutated once stored, so
 * "unchanged" is identity.
 */
export function appendedMemories(before: BeforeChange, after: StoreData): Memory[] | undefined {
  const { memories } = after;
  if (memories.length <= before.memories.length || headLine(after) !== before.header) return undefined;
  for (let i = 0; i < before.memories.length; i++) if (memories[i] !== before.memories[i]) return undefined;
  return memories.slice(before.memories.length);
}
