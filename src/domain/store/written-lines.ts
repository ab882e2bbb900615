import { closeSync, openSync, readSync } from 'node:fs';
import type { Memory } from '../memory.js';
import { RECORD_SEPARATOR } from './appended-records.js';

/**
 * Where each memory's line is in a file this process rewrote whole, or read whole as a write of
 * ours left it (linesOfRead): `memories` in file order (the objects themselves: a stored memory
 * is never changed, so the same object is the same line) and the byte offset just past each
 * one's record (`ends`), the first starting at `start`. Kept only while the data in use is that
 * file's and nothing but appends changed it (FileCopy drops it at any other change), so those
 * bytes are still on disk as written.
 */
export interface WrittenLines {
  readonly memories: readonly Memory[];
  readonly ends: Float64Array;
  readonly start: number;
}

/** The first lines of the file a rewrite can copy as bytes: those of the memories still first, in order. */
export interface ReusedLines {
  readonly count: number;
  /** The bytes of those lines (from the first's start to the last's end), read from the file now. */
  readonly bytes: Iterable<Buffer>;
  readonly lines: WrittenLines;
}

/** Below this many unchanged first lines a rewrite serialises every line: copying would save too little. */
const MIN_REUSED = 64;
const CHUNK_BYTES = 1 << 20;

/**
 * The unchanged first lines of `lines` for a rewrite of `memories` to `path`, or undefined. An add
 * at the cap archives one memory far down a big store and rewrites it whole: its 99,000 earlier
 * lines are copied instead of serialised again (npm run bench "add at the cap").
 */
export function reusableLines(path: string, lines: WrittenLines | undefined, memories: readonly Memory[]): ReusedLines | undefined {
  if (!lines) return undefined;
  const limit = Math.min(lines.memories.length, memories.length);
  let count = 0;
  while (count < limit && memories[count] === lines.memories[count]) count++;
  if (count < MIN_REUSED) return undefined;
  return { count, lines, bytes: bytesOf(path, lines.start, lines.ends[count - 1]!) };
}

/**
 * The byte offset of each line break ("\n") in `bytes`: UTF-8 never has that byte inside a
 * character. `text`, the bytes decoded, is searched instead where it has as many UTF-16 units as
 * the file has bytes: no byte sequence decodes to more units than its bytes, so then each byte
 * decoded to one unit (a valid character of 2-4 bytes gives 1-2, a maximal invalid run of k bytes
 * one U+FFFD) and their offsets are the same. A store is nearly always ASCII, and a Buffer.indexOf
 * call per line cost ~4 ms of a capture at 10,000 memories, the string's search ~1.5-2.5.
 */
export function lineBreaksIn(bytes: Buffer, text?: string): number[] {
  const breaks: number[] = [];
  if (text !== undefined && text.length === bytes.length) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks.push(at);
    return breaks;
  }
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) breaks.push(at);
  return breaks;
}

/**
 * Where each of `memories` is in the file they were parsed from, given its line breaks
 * (lineBreaksIn), for a file read whole in our layout (one line per memory, store-file.ts
 * inAppendableLayout) whose stat is the one <store>.last-write recorded: a write of ours left it,
 * and every write of ours puts each memory on its line as JSON.stringify gives it (storeChunks,
 * appendBytes). A process that never wrote the store, a Claude Code hook, can then copy the
 * lines of memories a rewrite leaves as they were: a capture at the archive cap archives one
 * memory and rewrites the file, where serialising its 10,000 lines again took most of the hook
 * (npm run bench "hook capture ... default archive cap"). Undefined when the breaks are not one
 * per memory and the head's and the tail's.
 */
export function linesOfRead(breaks: readonly number[], memories: readonly Memory[]): WrittenLines | undefined {
  const count = memories.length;
  if (count === 0 || breaks.length !== count + 2) return undefined;
  const ends = new Float64Array(count);
  // Each record but the last ends where its separator (",\n") starts; the last, at the tail's "\n".
  for (let i = 0; i < count - 1; i++) ends[i] = breaks[i + 1]! - (RECORD_SEPARATOR.length - 1);
  ends[count - 1] = breaks[count]!;
  return { memories: memories.slice(), ends, start: breaks[0]! + 1 };
}

/** The bytes of `path` in [from, to), a chunk at a time; throws if the file is shorter (the rewrite then fails, nothing replaced). */
function* bytesOf(path: string, from: number, to: number): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (let at = from; at < to; ) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, to - at));
      const read = readSync(fd, chunk, 0, chunk.length, at);
      if (read === 0) throw new Error(`the store file ended at byte ${at} of the ${to} expected`);
      at += read;
      yield chunk.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}
