import type { Memory } from '../memory.js';
import { type StoreData, headLine, serialisedLengthOf } from './store-file.js';

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

/**
 * Whether the file the data came from can take an add in place: `ours` once proven (or written
 * here), `looks-ours` while it only looks laid out as ours (proven by its length, `bytes`, before
 * the first append), `rewrite` when it is not.
 */
export type Appendability = { kind: 'ours' } | { kind: 'looks-ours'; bytes: number } | { kind: 'rewrite' };

/**
 * Whether an add may be appended to a file that held `before` (the data as it was before the
 * change). A file that only looks like ours is proven so, once, by its length: two memories on
 * one line and another array after `memories` can pass a look, not the length of our layout.
 * Asked after the change, and only of one that merely added: proving serialises every memory,
 * which a change that rewrites the file anyway would pay for nothing. Without a writeId (a file
 * made by hand) it is never appended to.
 */
export function provenAppendability(appendability: Appendability, before: BeforeChange, hasWriteId: boolean): Appendability {
  if (appendability.kind !== 'looks-ours') return appendability;
  return hasWriteId && serialisedLengthOf(before.header, before.memories) === appendability.bytes ? { kind: 'ours' } : { kind: 'rewrite' };
}

/**
 * What a change that ran on data `before` (remembered only while the file may take an append)
 * needs written: `append`, the memories it only added at the end, when the file is proven ours;
 * else a whole rewrite (`append` undefined). `appendability` is the file's, proven when it only looked ours.
 */
export function appendOrRewrite(
  before: BeforeChange | undefined,
  after: StoreData,
  appendability: Appendability,
  hasWriteId: boolean,
): { append: Memory[] | undefined; appendability: Appendability } {
  const added = before && appendedMemories(before, after);
  if (!before || !added) return { append: undefined, appendability };
  const proven = provenAppendability(appendability, before, hasWriteId);
  return { append: proven.kind === 'ours' ? added : undefined, appendability: proven };
}
