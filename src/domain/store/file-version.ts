import { type BigIntStats, statSync } from 'node:fs';
import { type StoreData, writeIdInHead, writeIdOf } from './store-file.js';

/**
 * A cheap "has the file changed?" check: `dev:ino:size:mtime:ctime` (see appended-tail.ts
 * statParts). The ctime is there because anyone can set the mtime back: a hand edit saved in
 * place at the same length, then `touch -r`, `rsync -t --inplace` or `cp -p` over the file,
 * keeps every other part (and the writeId), and a write based on the copy in use would undo it.
 * The kernel sets the ctime on every change and no call sets it back. Our own link of the file
 * (the torn-append repair, quarantine.ts) changes it too: that caller takes the version after it
 * (sameBesidesChangeTime). A record in the older four-part form (`<store>.last-write` of an older
 * build) never equals one of these, which only ever costs a whole read or rewrite.
 */
export type FileStat = string;

export const fileStatOf = (info: BigIntStats): FileStat => `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;

const withoutChangeTime = (stat: FileStat | undefined): string | undefined => stat?.slice(0, stat.lastIndexOf(':'));

/** Whether `now` is `was` but for the ctime: the file as it was, after a change of our own to its metadata. */
export const sameBesidesChangeTime = (now: FileVersion, was: FileVersion): boolean =>
  now.stat !== undefined && withoutChangeTime(now.stat) === withoutChangeTime(was.stat) && now.writeId === was.writeId;

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
