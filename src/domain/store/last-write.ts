import { readFileSync, writeFileSync } from 'node:fs';
import type { FileStat } from './file-version.js';

/**
 * `<store>.last-write`: the stat (device, inode, size, mtime, ctime: file-version.ts) of the store
 * file as the last write of any process left it, and the rules its records were checked by. An
 * add may be appended in place only to a file that still has that stat. A record an older build
 * wrote (no ctime) matches no stat, nor does ours in an older build: either only makes the next
 * add a whole rewrite.
 *
 * Why: a reader catches up on an append by parsing the appended bytes alone (appended-tail.ts),
 * which shows that nothing changed at the file's end, not in its middle. An editor saving a hand
 * edit of an earlier line in place at the same length (a typo, "12" → "24") keeps the inode,
 * the size, the writeId and the last line; a process that read the file only after the edit (a
 * capture hook) would append to it under the same writeId, and every reader that knew the file
 * before would take the append and keep the old line, to write it back with its next rewrite.
 * Here that process finds the stat is not the last writer's and rewrites the file whole (a new
 * writeId), so every reader reads it whole. Best effort and never trusted more than the stat:
 * a record missing, stale (a crash after the store write) or unwritable only costs one rewrite.
 */
export const lastWritePath = (storePath: string): string => `${storePath}.last-write`;

/**
 * The rules every record of a store we write satisfies (store-records.ts checkRecords: each
 * record passes isMemoryRecord, no two share an id), recorded with the stat of each write: a
 * file that still has the stat holds only records that passed them, and a reader with the same
 * rules need not check its 10,000 records again (read-file.ts). Bump it with any change to those
 * rules: a file written under other rules is then checked whole, as before. A test holds it to
 * MemorySchema (memory-record-check.properties.test.ts).
 */
export const RECORD_RULES = 'records-1';

/** What <store>.last-write says: the stat the last write left, and the rules its records passed (undefined: an older build's record, which names none). */
export interface LastWrite {
  stat: FileStat;
  rules: string | undefined;
}

/** The last write's record; undefined when none is there. Blocking: a read of a few bytes. */
export function lastWriteOf(storePath: string): LastWrite | undefined {
  let text: string;
  try {
    text = readFileSync(lastWritePath(storePath), 'utf8').trim();
  } catch {
    return undefined;
  }
  const [stat, rules] = text.split(' ');
  return stat ? { stat, rules } : undefined;
}

/** The stat the last write recorded; undefined when none is there. */
export const lastWrittenStat = (storePath: string): FileStat | undefined => lastWriteOf(storePath)?.stat;

/** Records `stat` as the store's last write (under the lock, right after it), its records checked by RECORD_RULES. */
export function recordLastWrite(storePath: string, stat: FileStat | undefined): void {
  if (stat === undefined) return;
  try {
    writeFileSync(lastWritePath(storePath), `${stat} ${RECORD_RULES}\n`, { mode: 0o644 });
  } catch {
    // A stale record only makes the next add a whole rewrite.
  }
}
