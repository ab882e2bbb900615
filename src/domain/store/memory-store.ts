import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { MemoryError } from '../errors.js';
import { appendedMemories, beforeChange } from './append-only.js';
import { type FileVersion, sameVersion, versionOf } from './file-version.js';
import { writeStore } from './write-store.js';
import { ioError, readFailure, storeCorrupt, storeKeptChanging, storeTooNew, writeFailure } from './store-errors.js';
import { DurableTextFile } from './durable-text-file.js';
import { keepCopyAside } from './quarantine.js';
import { type StoreData, STORE_SCHEMA_VERSION, emptyStore, writeIdOf } from './store-file.js';
import { StoreFileAdapter, StoreTooNewError, StoreUnreadableError } from './store-file-adapter.js';
import { type LockOptions, withStoreLock } from './store-lock.js';

export interface MemoryStoreOptions {
  /** The text layer; tests pass one that fails like a full disk. */
  textFile?: DurableTextFile;
  now?: () => Date;
  lock?: LockOptions;
  /** Written into the file's header so a store says which folder it belongs to. */
  project?: { name: string; root: string };
  /** Told when an unreadable store was found and copied aside. */
  onQuarantine?: (storePath: string, copyPath: string) => void;
  /** Told when a crash left an add cut short: it is read without it; the file as found is copied aside. */
  onTornAppend?: (storePath: string, copyPath: string) => void;
}

const MAX_CHANGED_RETRIES = 5;
/** A lock-free read overtaken this often reads the file itself and returns that, detached. */
const MAX_READ_ATTEMPTS = 3;

/**
 * One project's memory file. Reads take no file lock and parse the file only when its version
 * (stat + writeId) changed; a file caught mid-append, or unreadable, is read again under the
 * lock before anything is concluded. Writes queue inside the process, then are one
 * read-modify-write under the inter-process lock: an add appended in place, anything else an
 * atomic rename (write-store.ts). lowdb holds the data and writes it through our adapter; reads
 * go through the same adapter but not Low.read(), so a read overtaken by a newer one can be
 * dropped instead of installed.
 */
export class MemoryStore {
  private readonly file: StoreFileAdapter;
  private readonly db: Low<StoreData>;
  /** The version of the file `db.data` came from; always replaced together with it. */
  private loaded: FileVersion = { stat: undefined, writeId: undefined };
  /** Whether that file is in our own layout, so that an add can be appended to it (store-file.ts). */
  private appendable = false;
  /** The tail of this process's queue of writes to the store. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Set while a write has changed the data in memory but not yet installed or dropped it. */
  private changing = false;
  /** Bumped by every install; a lock-free read overtaken by a newer install drops its result. */
  private installs = 0;
  private readonly now: () => Date;

  constructor(
    readonly path: string,
    private readonly options: MemoryStoreOptions = {},
  ) {
    this.file = new StoreFileAdapter(options.textFile ?? new DurableTextFile(path));
    this.db = new Low(this.file, emptyStore());
    this.now = options.now ?? (() => new Date());
  }

  /** The current data; the same object until the file changes, so callers can cache on identity. */
  async read(): Promise<StoreData> {
    // A write of this process changes the data in place before it is on disk, and can still
    // fail; a read must never show such a change, nor the placeholder a failed write leaves,
    // so it waits for the writes queued so far. Overtaken by another read, it reads again.
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      while (this.changing) await this.writes;
      const outcome = await this.refresh(false);
      if (outcome.state === 'current' && !this.changing) return this.db.data;
      // Mid-append by another process, or a crash's leftover that the next write repairs:
      // either way the store as last committed, returned without being installed.
      if (outcome.state === 'torn') return outcome.data;
      if (outcome.state === 'unreadable') return this.readLocked();
    }
    // Kept being overtaken: db.data may now be a write's unwritten change or a failed write's
    // empty placeholder. Return the file's own data, detached (not installed).
    try {
      return (await this.file.read()) ?? emptyStore();
    } catch (error) {
      if (error instanceof StoreUnreadableError) return this.readLocked();
      throw await this.readProblem(error);
    }
  }

  /**
   * A lock-free read found the file unreadable. Only under the lock, where no writer is at work,
   * is that damage (quarantined, and thrown as such); otherwise it was a write caught mid-way.
   */
  private async readLocked(): Promise<StoreData> {
    await this.mutate(() => ({ result: undefined, write: false }));
    while (this.changing) await this.writes;
    return this.db.data;
  }

  /**
   * Runs `change` on fresh data under the lock and writes the result once. `change` returns
   * `{ write: false }` to skip the write (e.g. a duplicate). It must validate before mutating:
   * if it throws, or the write fails, the in-memory copy is dropped and re-read from disk.
   */
  mutate<R>(change: (data: StoreData) => { result: R; write: boolean }): Promise<R> {
    // One write at a time per store in this process: concurrent calls share one copy of the data,
    // so a write that lost a race could find its own unwritten change "already stored". The file
    // lock only has to arbitrate between processes.
    const run = () => this.mutateNow(change);
    const next = this.writes.then(run, run);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async mutateNow<R>(change: (data: StoreData) => { result: R; write: boolean }): Promise<R> {
    await mkdir(dirname(this.path), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      // mkdir -p reports a file standing where the folder should be as EEXIST; say what that means.
      throw ioError(`create memory folder ${dirname(this.path)}`, error.code === 'EEXIST' ? { code: 'ENOTDIR' } : error);
    });
    return withStoreLock(
      this.path,
      async () => {
        for (let attempt = 1; ; attempt++) {
          const outcome = await this.changeOnce(change);
          if (outcome.done) return outcome.result;
          if (attempt === MAX_CHANGED_RETRIES) throw storeKeptChanging(this.path);
        }
      },
      this.options.lock,
    );
  }

  /**
   * One read-modify-write. Right before the write it checks that the file is still the version
   * that was read; if another process wrote meanwhile, the change is redone on the new version.
   * The lock is only ever taken from dead holders (lock-takeover.ts), so this is a second line of
   * defence, and best effort: a check followed by a rename cannot be one atomic step.
   */
  private async changeOnce<R>(change: (data: StoreData) => { result: R; write: boolean }): Promise<{ done: true; result: R } | { done: false }> {
    // A crash's torn append is repaired by this write, even one that changes nothing else.
    const repair = (await this.refresh(true)).state === 'torn';
    const data = this.db.data;
    const readVersion = this.loaded;
    if (data.schemaVersion > STORE_SCHEMA_VERSION) throw storeTooNew(this.path, data.schemaVersion);
    const before = beforeChange(data);
    // `change` validates before it mutates, so a refusal it raises leaves the data as it was
    // and the copy in memory (with the indexes built on it) stays in use.
    let outcome: { result: R; write: boolean };
    this.changing = true;
    try {
      outcome = change(data);
    } catch (error) {
      // Anything but a refusal is a bug that may have left the data half-changed; a torn file's
      // version must not stay in use, or the next write would append after the unfinished add.
      if (!(error instanceof MemoryError) || repair) this.install(emptyStore(), { stat: undefined, writeId: undefined });
      this.changing = false;
      throw error;
    }
    const { result, write } = outcome;
    if (!write && !repair) {
      this.changing = false;
      return { done: true, result };
    }
    let changedUnderUs = false;
    const stillAsRead = async () => {
      const now = await this.currentVersion();
      // A hand-made file has no writeId to compare: its metadata is all there is.
      if (now.stat === readVersion.stat && now.writeId === readVersion.writeId) return;
      changedUnderUs = true;
      throw storeKeptChanging(this.path);
    };
    try {
      if (this.options.project) data.project = this.options.project;
      // A file not in our own layout, or without our writeId, is rewritten whole.
      const appended = this.appendable && readVersion.writeId !== undefined ? appendedMemories(before, data) : undefined;
      const written = await writeStore(this.path, this.db, this.file, appended, stillAsRead);
      if (written === undefined) changedUnderUs = true;
      else this.install(data, written, data.memories.length > 0);
      return changedUnderUs ? { done: false } : { done: true, result };
    } catch (error) {
      // The data was changed but not written: drop it, the next call reads the file again.
      this.install(emptyStore(), { stat: undefined, writeId: undefined });
      if (changedUnderUs) return { done: false };
      throw error instanceof MemoryError ? error : writeFailure(this.path, error);
    } finally {
      this.changing = false;
    }
  }

  /**
   * Brings the data in step with the file, re-reading it when its version (see FileVersion)
   * differs from the one in use; the data and its version are always installed together. A
   * lock-free read that another read or a write of ours overtook must not put its older result
   * back: the next write would be based on it.
   * 'overtaken': a newer install overtook this read, whose older result was then dropped.
   * 'torn': the file ends in an append cut short (torn-append.ts); `data` is the store without
   * it. Lock-free, nothing is installed (the writer may be at work). Under the lock it is a
   * crash's leftover: its bytes are copied aside and it is installed for this write to repair.
   * 'unreadable': lock-free only; under the lock that is damage, thrown as such.
   */
  private async refresh(locked: boolean): Promise<{ state: 'current' | 'overtaken' | 'unreadable' } | { state: 'torn'; data: StoreData }> {
    const started = this.installs;
    const version = await this.currentVersion();
    if (sameVersion(version, this.loaded)) return { state: 'current' };
    // A file made by hand has no writeId yet: lock-free reads trust its metadata, while a
    // read-modify-write under the lock always reads it again.
    if (!locked && version.writeId === undefined && version.stat !== undefined && version.stat === this.loaded.stat) return { state: 'current' };
    let read: Awaited<ReturnType<StoreFileAdapter['readStore']>>;
    try {
      // Through lowdb's adapter, but not Low.read(): a read overtaken by a newer install must
      // be dropped (below), and Low.read() would already have replaced the data in use.
      read = await this.file.readStore();
    } catch (error) {
      if (error instanceof StoreUnreadableError && !locked) return { state: 'unreadable' };
      throw await this.readProblem(error);
    }
    if (read?.torn && !locked) return { state: 'torn', data: read.data };
    if (read?.torn) await keepCopyAside(this.path, this.now(), this.options.onTornAppend);
    if (!locked && this.installs !== started) return { state: 'overtaken' };
    // The writeId comes from the data actually parsed; if the file was replaced after the stat,
    // the pair matches no real version and the next check simply reads again.
    const data = read?.data ?? emptyStore();
    this.install(data, { stat: read ? version.stat : undefined, writeId: read ? writeIdOf(data) : undefined }, read?.appendable === true);
    return read?.torn ? { state: 'torn', data } : { state: 'current' };
  }

  private currentVersion(): Promise<FileVersion> {
    return versionOf(this.path, () => this.file.readHead()).catch((error: unknown) => {
      throw readFailure(this.path, error);
    });
  }

  private install(data: StoreData, version: FileVersion, appendable = false): void {
    this.db.data = data;
    this.loaded = version;
    this.appendable = appendable;
    this.installs++;
  }

  private async readProblem(error: unknown): Promise<MemoryError> {
    if (error instanceof StoreTooNewError) return storeTooNew(this.path, error.schemaVersion);
    if (!(error instanceof StoreUnreadableError)) return readFailure(this.path, error);
    return storeCorrupt(this.path, error.message, await keepCopyAside(this.path, this.now(), this.options.onQuarantine));
  }

  /** Whether the data in use came from a store a newer server wrote (readable, but never written here). */
  get readOnlyBecauseNewer(): boolean {
    return this.db.data.schemaVersion > STORE_SCHEMA_VERSION;
  }
}
