import { Low } from 'lowdb';
import type { MemoryError } from '../errors.js';
import { type FileVersion, sameVersion, versionOf } from './file-version.js';
import { keepCopyAside, keepTornFileAside } from './quarantine.js';
import { readFailure, storeCorrupt, storeTooNew } from './store-errors.js';
import type { BeforeChange } from './append-only.js';
import { type StoreData, emptyStore, serialisedLengthOf, writeIdOf } from './store-file.js';
import { StoreFileAdapter, StoreTooNewError, StoreUnreadableError } from './store-file-adapter.js';
import type { DurableTextFile } from './durable-text-file.js';
import type { StoreFlaw } from './store-records.js';

export const UNKNOWN_VERSION: FileVersion = { stat: undefined, writeId: undefined };

export type Refreshed = { state: 'current' | 'overtaken' | 'unreadable' } | { state: 'torn'; data: StoreData };

export interface CopyEvents {
  /** Told when an unreadable store was found and copied aside. */
  onQuarantine?: (storePath: string, copyPath: string) => void;
  /** Told when a crash left an add cut short: it is read without it; the file as found is copied aside. */
  onTornAppend?: (storePath: string, copyPath: string) => void;
}

/**
 * This process's copy of one store file: the data in use (lowdb holds it and writes it through
 * our adapter), the version of the file it came from, whether that file can take an append, and
 * the records of it the data leaves out (flaws). The four are only ever replaced together
 * (install).
 */
export class StoreCopy {
  readonly file: StoreFileAdapter;
  readonly db: Low<StoreData>;
  /** The version of the file `db.data` came from. */
  version: FileVersion = UNKNOWN_VERSION;
  /**
   * Whether that file is in our own layout, so that an add can be appended to it: true once
   * proven (or written here), its length while it only looks so, false when it is not.
   */
  private appendable: boolean | number = false;
  /**
   * Records of the file that `data` leaves out or serves renamed (see StoreFlaw). While there
   * are any, the data is the file's readable part, never something to write back.
   */
  flaws: readonly StoreFlaw[] = [];
  /** Bumped by every install; a lock-free read overtaken by a newer install drops its result. */
  private installs = 0;

  constructor(
    readonly path: string,
    textFile: DurableTextFile,
    private readonly now: () => Date,
    private readonly tell: CopyEvents,
  ) {
    this.file = new StoreFileAdapter(textFile);
    this.db = new Low(this.file, emptyStore());
  }

  get data(): StoreData {
    return this.db.data;
  }

  /** Drops the data in use (a failed or unfinished change): the next call reads the file again. */
  forget(): void {
    this.install(emptyStore(), UNKNOWN_VERSION);
  }

  /** A hand-made file has no writeId to compare: its metadata is all there is. */
  async unchangedSince(version: FileVersion): Promise<boolean> {
    const now = await this.currentVersion();
    return now.stat === version.stat && now.writeId === version.writeId;
  }

  /**
   * Brings the data in step with the file, re-reading it when its version (see FileVersion)
   * differs from the one in use; the data and its version are always installed together. A
   * lock-free read that another read or a write of ours overtook must not put its older result
   * back: the next write would be based on it.
   * 'overtaken': a newer install overtook this read, or the file changed while it was read;
   * nothing was installed.
   * 'torn': the file ends in an append cut short (torn-append.ts); `data` is the store without
   * it. Lock-free, nothing is installed (the writer may be at work). Under the lock it is a
   * crash's leftover: its bytes are copied aside and it is installed, for the write to repair.
   * 'unreadable': lock-free only; under the lock that is damage, thrown as such.
   */
  async refresh(locked: boolean): Promise<Refreshed> {
    const started = this.installs;
    const version = await this.currentVersion();
    if (sameVersion(version, this.version)) return { state: 'current' };
    // A file made by hand has no writeId yet: lock-free reads trust its metadata, while a
    // read-modify-write under the lock always reads it again.
    if (!locked && version.writeId === undefined && version.stat !== undefined && version.stat === this.version.stat) return { state: 'current' };
    let read: Awaited<ReturnType<StoreFileAdapter['readStore']>>;
    try {
      // Through lowdb's adapter, but not Low.read(): a read overtaken by a newer install must
      // be dropped (below), and Low.read() would already have replaced the data in use.
      read = await this.file.readStore();
    } catch (error) {
      if (error instanceof StoreUnreadableError && !locked) return { state: 'unreadable' };
      throw await this.readProblem(error);
    }
    // Read across a change, the text may belong to either version; installed with the wrong one
    // it could pass for current later (the same size and mtime tick).
    if (!(await this.unchangedSince(version))) return { state: 'overtaken' };
    if (read?.torn && !locked) return { state: 'torn', data: read.data };
    if (read?.torn) await keepTornFileAside(this.path, this.now(), this.tell.onTornAppend);
    if (!locked && this.installs !== started) return { state: 'overtaken' };
    const data = read?.data ?? emptyStore();
    this.install(data, { stat: read ? version.stat : undefined, writeId: read ? installedWriteId(version, data) : undefined }, read?.appendable ?? false, read?.flaws);
    return read?.torn ? { state: 'torn', data } : { state: 'current' };
  }

  currentVersion(): Promise<FileVersion> {
    return versionOf(this.path, () => this.file.readHead()).catch((error: unknown) => {
      throw readFailure(this.path, error);
    });
  }

  /** Whether the file the data came from may take an append (cheap; provenAppendable decides). */
  mayAppend(): boolean {
    return this.appendable !== false;
  }

  /**
   * Whether an add may be appended to the file the data came from, which held `before` (the data
   * as it was before the change). A file that only looks like ours is proven so, once, by its
   * length: two memories on one line and another array after `memories` can pass a look, not the
   * length of our layout. Asked after the change, and only of one that merely added: proving
   * costs every memory's line, which a change that rewrites the file anyway (e.g. the cap
   * archiving most of a big store) would pay a second time for the lines it changed.
   */
  provenAppendable(before: BeforeChange): boolean {
    if (typeof this.appendable === 'number') this.appendable = this.version.writeId !== undefined && serialisedLengthOf(before.header, before.memories) === this.appendable;
    return this.appendable;
  }

  install(data: StoreData, version: FileVersion, appendable: boolean | number = false, flaws: readonly StoreFlaw[] = []): void {
    this.db.data = data;
    this.version = version;
    this.appendable = appendable;
    this.flaws = flaws;
    this.installs++;
  }

  async readProblem(error: unknown): Promise<MemoryError> {
    if (error instanceof StoreTooNewError) return storeTooNew(this.path, error.schemaVersion);
    if (!(error instanceof StoreUnreadableError)) return readFailure(this.path, error);
    return storeCorrupt(this.path, error.message, await keepCopyAside(this.path, this.now(), this.tell.onQuarantine));
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
function installedWriteId(head: FileVersion, data: StoreData): string | undefined {
  const parsed = writeIdOf(data);
  return parsed !== undefined && parsed === head.writeId ? parsed : undefined;
}
