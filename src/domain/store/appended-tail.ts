import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Memory } from '../memory.js';
import { type FileStat, type FileVersion, fileStatOf } from './file-version.js';
import { STORE_TAIL_TEXT, appendedRecords } from './appended-records.js';
import { lastWrittenStat } from './last-write.js';
import { type StoreData, headLine } from './store-file.js';
import { checkRecords } from './store-records.js';

/**
 * What a reader knows of the store file it last read or wrote, to tell later whether that file
 * only took appends since: its stat (device, inode, size, mtime, ctime), its writeId, and the exact
 * bytes of its first line and of its last memory's line.
 */
export interface KnownEnd {
  readonly stat: FileStat;
  readonly writeId: string;
  readonly headLine: string;
  readonly lastLine: string;
}

/** What the file holds past a KnownEnd: the records appended, and the file's end now. */
export interface AppendedTail {
  readonly records: readonly unknown[];
  readonly end: KnownEnd;
}

/**
 * The records another process appended to the file `known` describes, parsing only those bytes;
 * undefined whenever that cannot be shown, and the caller reads the whole file as before. Shown
 * means: the same file (device and inode), grown, with the same writeId (a rewrite stamps a new
 * one), the same first line, the known last line still right before the old end, the bytes
 * past it exactly what an append of the parsed records writes (torn-append.ts, appendBytes), and
 * the file as the last write left it (last-write.ts): an append still at work, a file edited or
 * rewritten, or any other layout never passes. A pure
 * function of (known state, file): the hook commands can keep a KnownEnd with their own index.
 */
export async function readAppendedTail(path: string, known: KnownEnd): Promise<AppendedTail | undefined> {
  const was = statParts(known.stat);
  // Blocking on purpose, like DurableTextFile.readHead: five thread-pool round trips (open, stat,
  // two reads, close) cost several times the few microseconds the calls take inline.
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fileStatOf(fstatSync(fd, { bigint: true }));
    const now = statParts(stat);
    if (now.identity !== was.identity || now.size <= was.size) return undefined;
    // The tail shows nothing changed at the end, not in the middle: only a file exactly as the last
    // write left it (last-write.ts) has had nothing but appends since. After an append, a hand edit
    // of an earlier line saved in place at the same length passes every other check.
    if (lastWrittenStat(path) !== stat) return undefined;
    const head = Buffer.from(`${known.headLine}\n`);
    if (!bytesAt(fd, 0, head.length).equals(head)) return undefined;
    // From the known last line (with the line break before it) to the end of the file now.
    const last = Buffer.from(`\n${known.lastLine}`);
    const from = was.size - STORE_TAIL_TEXT.length - last.length;
    if (from < head.length - 1) return undefined;
    const bytes = bytesAt(fd, from, now.size - from);
    if (!bytes.subarray(0, last.length).equals(last)) return undefined;
    const records = appendedRecords(bytes.subarray(last.length).toString('utf8'));
    if (!records) return undefined;
    return { records, end: { stat, writeId: known.writeId, headLine: known.headLine, lastLine: JSON.stringify(records.at(-1)) } };
  } finally {
    closeSync(fd);
  }
}

function bytesAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

/** What a later catch-up needs to know of a file holding `data` in our layout at `version`; undefined without a writeId or a memory. */
export function knownEndOf(data: StoreData, version: FileVersion): KnownEnd | undefined {
  const last = data.memories.at(-1);
  if (version.stat === undefined || version.writeId === undefined || last === undefined) return undefined;
  return { stat: version.stat, writeId: version.writeId, headLine: headLine(data), lastLine: JSON.stringify(last) };
}

/**
 * The memories of `tail`: undefined unless every record is sound and under an id neither the
 * data it is appended to (`idInUse`) nor another record uses (anything else is read whole, and its
 * flaws named).
 */
export function appendedMemoriesIn(tail: AppendedTail, idInUse: (id: string) => boolean): Memory[] | undefined {
  const { memories, flaws } = checkRecords(tail.records);
  if (flaws.length > 0) return undefined;
  const ids = new Set(memories.map((memory) => memory.id));
  if (ids.size !== memories.length || memories.some((memory) => idInUse(memory.id))) return undefined;
  return memories;
}

/** The device and inode, and the size, of a FileStat (`dev:ino:size:mtime:ctime`). */
function statParts(stat: FileStat): { identity: string; size: number } {
  const [dev, ino, size] = stat.split(':');
  return { identity: `${dev}:${ino}`, size: Number(size) };
}
