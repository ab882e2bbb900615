import type { Memory } from '../memory.js';
import type { FileStat, FileVersion } from './file-version.js';
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

/**
 * Whether the file the data came from can take an add in place: `ours` once proven (or written
 * here), `looks-ours` while it only looks laid out as ours, `rewrite` when it is not.
 */
export type Appendability = { kind: 'ours' } | { kind: 'looks-ours' } | { kind: 'rewrite' };

/**
 * What a change that ran on data `before` (remembered only while the file may take an append)
 * needs written: `append`, the memories it only added at the end, when the file may take them;
 * else a whole rewrite (`append` undefined). `appendability` is the file's, proven when it only
 * looked ours.
 *
 * Only a file exactly as the last write of any process left it may take an append: its stat
 * (`file.stat`, as read) is the one last-write.ts recorded (`lastWritten`); anything else may be
 * a hand edit saved in place and is rewritten whole. Such a file is in our layout whatever it
 * looks like, since every write that records its stat writes that layout (storeChunks,
 * appendBytes): it is proven ours by that, where each process used to prove it by serialising
 * every memory to compare lengths (~14 ms of a capture hook at 10,000 memories). Without a
 * writeId (a file made by hand) it is never appended to.
 */
export function appendOrRewrite(
  before: BeforeChange | undefined,
  after: StoreData,
  appendability: Appendability,
  file: FileVersion,
  lastWritten: FileStat | undefined,
): { append: Memory[] | undefined; appendability: Appendability } {
  const added = before && appendedMemories(before, after);
  if (!added || !asLastWritten(file, lastWritten)) return { append: undefined, appendability };
  const proven: Appendability = appendability.kind !== 'looks-ours' ? appendability : file.writeId !== undefined ? { kind: 'ours' } : { kind: 'rewrite' };
  return { append: proven.kind === 'ours' ? added : undefined, appendability: proven };
}

/** Whether the file read at `file` is exactly as the last write recorded in last-write.ts left it. */
export const asLastWritten = (file: FileVersion, lastWritten: FileStat | undefined): boolean => file.stat !== undefined && file.stat === lastWritten;
