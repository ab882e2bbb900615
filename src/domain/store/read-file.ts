import { createHash } from 'node:crypto';
import type { MemoryError } from '../errors.js';
import type { Memory } from '../memory.js';
import { type Appendability, asLastWritten } from './append-only.js';
import { type KnownEnd, appendedMemoriesIn, readAppendedTail } from './appended-tail.js';
import { type FileVersion, installedWriteId } from './file-version.js';
import { keepCopyAside } from './quarantine.js';
import { readFailure, storeCorrupt, storeTooNew } from './store-errors.js';
import { type StoreData, emptyStore } from './store-file.js';
import { type LastWrite, RECORD_RULES } from './last-write.js';
import { type StoreFileAdapter, type StoreRead, StoreTooNewError, StoreUnreadableError, storeIn, storeOurWriteLeft } from './store-file-adapter.js';
import type { StoreFlaw } from './store-records.js';
import { type WrittenLines, lineBreaksIn, linesOfRead } from './written-lines.js';

/** A whole read of the file: null when there is none. */
export type WholeRead = StoreRead | null;

/** What a StoreCopy holds of one version of the file: the data, and how that file can be written. */
export interface ReadState {
  data: StoreData;
  version: FileVersion;
  appendability: Appendability;
  flaws: readonly StoreFlaw[];
  /** For a version without writeId: the digest of the bytes `data` was parsed from (see FileCopy.handMade). */
  digest?: string;
  /** Where each memory's line is in the file, when a write of ours left it so (see linesOfRead). */
  lines?: WrittenLines;
}

/** Names a file's exact bytes: equal digests, the same bytes, so the same parse. */
const digestOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64url');

/**
 * The file's text, for a version without writeId the digest of its bytes (see
 * FileCopy.handMade), and for one a write of ours left (`ours`) where its lines break; null when
 * there is no file. The bytes are let go here, before the text is parsed: a buffer still held
 * then outlives the parse's garbage collections and keeps the size of the file in memory until
 * the next full one.
 */
async function readText(file: StoreFileAdapter, version: FileVersion, ours: boolean): Promise<{ text: string; digest: string | undefined; breaks: number[] | undefined } | null> {
  const bytes = await file.readBytes();
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  return { text, digest: version.writeId === undefined ? digestOf(bytes) : undefined, breaks: ours ? lineBreaksIn(bytes, text) : undefined };
}

/**
 * A whole read made now (`digest`: see FileCopy.handMade; `breaks`: the byte offset of each line
 * break, for a file a write of ours left), or the bytes the data in use came from.
 */
export type WholeReadNow = { read: WholeRead; digest: string | undefined; breaks?: readonly number[] } | 'as in use';

/**
 * The file read whole at `version`: 'as in use' when its bytes are the ones (digest `inUse`,
 * FileCopy.handMade) the data in use was parsed from, which are then not parsed again.
 * `lastWritten`: what <store>.last-write holds; a file that still has its stat is as a write of
 * ours left it: where its lines break is noted for the next rewrite (linesOfRead), and when that
 * write's records passed the rules this build checks (RECORD_RULES) they are not checked again.
 */
export async function readWhole(file: StoreFileAdapter, version: FileVersion, inUse: string | undefined, lastWritten: LastWrite | undefined): Promise<WholeReadNow> {
  const ours = version.writeId !== undefined && asLastWritten(version, lastWritten?.stat);
  const found = await readText(file, version, ours);
  if (found === null) return { read: null, digest: undefined };
  if (found.digest !== undefined && found.digest === inUse) return 'as in use';
  const read = ours && lastWritten?.rules === RECORD_RULES ? storeOurWriteLeft(found.text) : storeIn(found.text);
  return { read, digest: found.digest, ...(found.breaks ? { breaks: found.breaks } : {}) };
}

/**
 * The state a whole read of the file at `version` gives (no file: an empty store); `digest`: of
 * the bytes read; `breaks`: where their lines break, for a file a write of ours left.
 */
export function stateOfRead(read: WholeRead, version: FileVersion, digest: string | undefined, breaks?: readonly number[]): ReadState {
  const data = read?.data ?? emptyStore();
  const writeId = read ? installedWriteId(version, data) : undefined;
  // Only a sound file in our layout (no flaws, not torn) has one memory per line in order.
  const lines = read?.appendable && !read.torn && writeId !== undefined && breaks ? linesOfRead(breaks, data.memories) : undefined;
  return {
    data,
    version: { stat: read ? version.stat : undefined, writeId },
    appendability: read?.appendable ? { kind: 'looks-ours' } : { kind: 'rewrite' },
    flaws: read?.flaws ?? [],
    digest: read && writeId === undefined ? digest : undefined,
    ...(lines ? { lines } : {}),
  };
}

/**
 * Another process's appends to the file `known` describes, now at `version`, when
 * readAppendedTail shows that is all that changed and the records are sound under ids not in
 * use (`idInUse`); undefined means "read it whole". `appendability` is what the file is once they
 * are applied: the bytes appended are exactly our layout, so it stays what it was.
 */
export async function appendedSince(
  path: string,
  known: KnownEnd,
  version: FileVersion,
  idInUse: (id: string) => boolean,
  appendability: Appendability,
): Promise<{ memories: Memory[]; end: KnownEnd; appendability: Appendability } | undefined> {
  if (version.writeId !== known.writeId) return undefined;
  const tail = await readAppendedTail(path, known).catch(() => undefined);
  // Read across a change: the whole read decides.
  if (!tail || tail.end.stat !== version.stat) return undefined;
  const memories = appendedMemoriesIn(tail, idInUse);
  if (!memories) return undefined;
  return { memories, end: tail.end, appendability };
}

/** A read's failure as the store reports it: an unreadable file is copied aside (quarantined) first. */
export async function readProblem(path: string, error: unknown, now: Date, onQuarantine?: (storePath: string, copyPath: string) => void): Promise<MemoryError> {
  if (error instanceof StoreTooNewError) return storeTooNew(path, error.schemaVersion);
  if (!(error instanceof StoreUnreadableError)) return readFailure(path, error);
  return storeCorrupt(path, error.message, await keepCopyAside(path, now, onQuarantine));
}
