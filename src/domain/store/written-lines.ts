import { closeSync, openSync, readSync } from 'node:fs';
import type { Memory } from '../memory.js';

/**
 * Where each memory's line is in a file this process rewrote whole: `memories` in file order (the
 * objects themselves: a stored memory is never changed, so the same object is the same line) and
 * the byte offset just past each one's record (`ends`), the first starting at `start`. Kept only
 * while the data in use is that file's and nothing but appends changed it (FileCopy drops it at
 * any other change), so those bytes are still on disk as written.
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
