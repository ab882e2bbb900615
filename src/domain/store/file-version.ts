/** A cheap "has the file changed?" check (inode, size, mtime). */
export type FileStat = string;

/**
 * Which version of the file the data in use came from. Metadata alone cannot say: inode numbers
 * are reused by the next temp file and mtimes are as coarse as a clock tick, so two versions a few
 * milliseconds apart can share them, and a write based on the older one would drop the newer.
 * Every write therefore stamps a fresh random `writeId` into the file's first line; a version is
 * the pair, and reading it costs a stat and one small read instead of re-reading the whole file.
 */
export interface FileVersion {
  stat: FileStat | undefined;
  writeId: string | undefined;
}

/** Equal only when both parts are known and equal (a hand-made file without writeId never is). */
export const sameVersion = (a: FileVersion, b: FileVersion): boolean =>
  a.stat === b.stat && a.writeId === b.writeId && (a.stat === undefined || a.writeId !== undefined);
