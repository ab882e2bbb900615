import { type BigIntStats, statSync } from 'node:fs';
import { writeIdInHead } from './store-file.js';

/** A cheap "has the file changed?" check (inode, size, mtime). */
export type FileStat = string;

export const fileStatOf = (info: BigIntStats): FileStat => `${info.ino}:${info.size}:${info.mtimeNs}`;

/**
 * Which version of the file the data in use came from. Metadata alone cannot say: inode numbers
 * are reused by the next temp file and mtimes are as coarse as a clock tick, so two versions a few
 * milliseconds apart can share them, and a write based on the older one would drop the newer.
 * Every write therefore stamps a fresh random `writeId` into the file's first line; a version is
 * the pair, and reading it costs a stat and one small read instead of re-reading the whole file.
 * An add appended in place keeps the inode and the writeId: its first step grows the file (which
 * is never shortened in place), its second turns four bytes at the same size. The state between
 * the two is recognised as torn and never installed as current, except under the lock, where it
 * is a crash's leftover and rewritten at once.
 */
export interface FileVersion {
  stat: FileStat | undefined;
  writeId: string | undefined;
}

/** Equal only when both parts are known and equal (a hand-made file without writeId never is). */
export const sameVersion = (a: FileVersion, b: FileVersion): boolean =>
  a.stat === b.stat && a.writeId === b.writeId && (a.stat === undefined || a.writeId !== undefined);

const missing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The file's stat now; undefined when there is no file. Blocking, like readHead (durable-text-file.ts). */
export async function statOf(path: string): Promise<FileStat | undefined> {
  const info = statSync(path, { bigint: true, throwIfNoEntry: false });
  return info === undefined ? undefined : fileStatOf(info);
}

/** The file's version now, from a stat and the writeId in its first bytes (`readHead`). */
export async function versionOf(path: string, readHead: () => Promise<string>): Promise<FileVersion> {
  const stat = await statOf(path);
  if (stat === undefined) return { stat, writeId: undefined };
  try {
    return { stat, writeId: writeIdInHead(await readHead()) };
  } catch (error) {
    if (missing(error)) return { stat: undefined, writeId: undefined };
    throw error;
  }
}
