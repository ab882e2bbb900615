import { type BigIntStats, statSync } from 'node:fs';
import { type StoreData, writeIdInHead, writeIdOf } from './store-file.js';

/** A cheap "has the file changed?" check: `dev:ino:size:mtime` (see appended-tail.ts statParts). */
export type FileStat = string;

export const fileStatOf = (info: BigIntStats): FileStat => `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}`;

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

/**
 * The writeId a version read now is installed with: the one in the data actually parsed (if the
 * file was replaced after the stat, the pair matches no real version and the next check simply
 * reads again), but only when the file's head says the same. A store re-saved by hand (`jq .`,
 * an editor, keys reordered) keeps its writeId but not where the head check finds it
 * (writeIdInHead): installed with it, every later check would see the file as changed and no
 * write could ever land. Without it the file is a hand-made one, rewritten whole by the next write.
 */
export function installedWriteId(head: FileVersion, data: StoreData): string | undefined {
  const parsed = writeIdOf(data);
  return parsed !== undefined && parsed === head.writeId ? parsed : undefined;
}
