import type { MemoryError } from '../errors.js';
import type { Memory } from '../memory.js';
import type { Appendability } from './append-only.js';
import { type KnownEnd, appendedMemoriesIn, readAppendedTail } from './appended-tail.js';
import { type FileVersion, installedWriteId } from './file-version.js';
import { keepCopyAside } from './quarantine.js';
import { readFailure, storeCorrupt, storeTooNew } from './store-errors.js';
import { type StoreData, emptyStore } from './store-file.js';
import { type StoreFileAdapter, StoreTooNewError, StoreUnreadableError } from './store-file-adapter.js';
import type { StoreFlaw } from './store-records.js';

export type WholeRead = Awaited<ReturnType<StoreFileAdapter['readStore']>>;

/** What a StoreCopy holds of one version of the file: the data, and how that file can be written. */
export interface ReadState {
  data: StoreData;
  version: FileVersion;
  appendability: Appendability;
  flaws: readonly StoreFlaw[];
}

/** The state a whole read of the file at `version` gives (no file: an empty store). */
export function stateOfRead(read: WholeRead, version: FileVersion): ReadState {
  const data = read?.data ?? emptyStore();
  return {
    data,
    version: { stat: read ? version.stat : undefined, writeId: read ? installedWriteId(version, data) : undefined },
    appendability: read?.appendable ? { kind: 'looks-ours' } : { kind: 'rewrite' },
    flaws: read?.flaws ?? [],
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
