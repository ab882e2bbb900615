import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { MemoryError } from '../errors.js';
import { type FileStat, type FileVersion, sameVersion } from './file-version.js';
import { ioError, storeCorrupt, storeKeptChanging, storeTooNew } from './store-errors.js';
import { DurableTextFile } from './durable-text-file.js';
import { quarantineCopy } from './quarantine.js';
import { type StoreData, STORE_SCHEMA_VERSION, emptyStore, writeIdInHead, writeIdOf } from './store-file.js';
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
}

const MAX_CHANGED_RETRIES = 5;
/** A lock-free read overtaken this often reads the file itself and returns that, detached. */
const MAX_READ_ATTEMPTS = 3;

/**
 * One project's memory file. Reads take no file lock (writes are atomic renames, so a reader
 * sees a whole file) and parse the file only when its version (stat + writeId) changed. Writes
 * queue inside the process, then are one read-modify-write under the inter-process lock. lowdb
 * holds the data and writes it through our adapter; reads go through the same adapter but not
 * Low.read(), so a read overtaken by a newer one can be dropped instead of installed.
 */
export class MemoryStore {
  private readonly file: StoreFileAdapter;
  private readonly db: Low<StoreData>;
  /** The version of the file `db.data` came from; always replaced together with it. */
  private loaded: FileVersion = { stat: undefined, writeId: undefined };
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
      if ((await this.refresh(false)) && !this.changing) return this.db.data;
    }
    // Kept being overtaken: db.data may now be a write's unwritten change or a failed write's
    // empty placeholder. Return the file's own data, detached (not installed).
    try {
      return (await this.file.read()) ?? emptyStore();
    } catch (error) {
      if (error instanceof StoreUnreadableError) throw await this.corrupt(error);
      if (error instanceof StoreTooNewError) throw this.tooNew(error.schemaVersion);
      throw this.readFailure(error);
    }
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
          if (attempt === MAX_CHANGED_RETRIES) throw this.changedUnderUs();
        }
      },
      this.options.lock,
    );
  }

  /**
   * One read-modify-write. Right before the rename it checks that the file is still the version
   * that was read; if another process wrote meanwhile, the change is redone on the new version.
   * The lock is only ever taken from dead holders (lock-takeover.ts), so this is a second line of
   * defence, and best effort: a check followed by a rename cannot be one atomic step.
   */
  private async changeOnce<R>(change: (data: StoreData) => { result: R; write: boolean }): Promise<{ done: true; result: R } | { done: false }> {
    await this.refresh(true);
    const data = this.db.data;
    const readVersion = this.loaded;
    if (data.schemaVersion > STORE_SCHEMA_VERSION) throw this.tooNew(data.schemaVersion);
    // `change` validates before it mutates, so a refusal it raises leaves the data as it was
    // and the copy in memory (with the indexes built on it) stays in use.
    let outcome: { result: R; write: boolean };
    this.changing = true;
    try {
      outcome = change(data);
    } catch (error) {
      // Anything but a refusal is a bug that may have left the data half-changed.
      if (!(error instanceof MemoryError)) this.install(emptyStore(), { stat: undefined, writeId: undefined });
      this.changing = false;
      throw error;
    }
    const { result, write } = outcome;
    if (!write) {
      this.changing = false;
      return { done: true, result };
    }
    let changedUnderUs = false;
    try {
      if (this.options.project) data.project = this.options.project;
      data.writeId = randomBytes(9).toString('base64url');
      this.file.beforeReplace = async () => {
        const now = await this.currentVersion();
        // A hand-made file has no writeId to compare: its metadata is all there is.
        if (now.stat === readVersion.stat && now.writeId === readVersion.writeId) return;
        changedUnderUs = true;
        throw this.changedUnderUs();
      };
      await this.db.write();
      this.install(data, { stat: await this.currentStat(), writeId: data.writeId });
      return { done: true, result };
    } catch (error) {
      // The data was changed but not written: drop it, the next call reads the file again.
      this.install(emptyStore(), { stat: undefined, writeId: undefined });
      if (changedUnderUs) return { done: false };
      throw error instanceof MemoryError ? error : this.writeFailure(error);
    } finally {
      this.file.beforeReplace = undefined;
      this.changing = false;
    }
  }

  /**
   * Brings the data in step with the file, re-reading it when its version (see FileVersion)
   * differs from the one in use; the data and its version are always installed together. A
   * lock-free read that another read or a write of ours overtook must not put its older result
   * back: the next write would be based on it.
   */
  /** False when a newer install overtook this read, whose older result was then dropped. */
  private async refresh(locked: boolean): Promise<boolean> {
    const started = this.installs;
    const version = await this.currentVersion();
    if (sameVersion(version, this.loaded)) return true;
    // A file made by hand has no writeId yet: lock-free reads trust its metadata, while a
    // read-modify-write under the lock always reads it again.
    if (!locked && version.writeId === undefined && version.stat !== undefined && version.stat === this.loaded.stat) return true;
    let data: StoreData | null;
    try {
      // Through lowdb's adapter, but not Low.read(): a read overtaken by a newer install must
      // be dropped (below), and Low.read() would already have replaced the data in use.
      data = await this.file.read();
    } catch (error) {
      if (error instanceof StoreUnreadableError) throw await this.corrupt(error);
      if (error instanceof StoreTooNewError) throw this.tooNew(error.schemaVersion);
      throw this.readFailure(error);
    }
    if (!locked && this.installs !== started) return false;
    // The writeId comes from the data actually parsed; if the file was replaced after the stat,
    // the pair matches no real version and the next check simply reads again.
    this.install(data ?? emptyStore(), { stat: data === null ? undefined : version.stat, writeId: data === null ? undefined : writeIdOf(data) });
    return true;
  }

  private async currentVersion(): Promise<FileVersion> {
    const stat = await this.currentStat();
    if (stat === undefined) return { stat, writeId: undefined };
    try {
      return { stat, writeId: writeIdInHead(await this.file.readHead()) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stat: undefined, writeId: undefined };
      throw this.readFailure(error);
    }
  }

  private install(data: StoreData, version: FileVersion): void {
    this.db.data = data;
    this.loaded = version;
    this.installs++;
  }

  private async currentStat(): Promise<FileStat | undefined> {
    try {
      const info = await stat(this.path, { bigint: true });
      return `${info.ino}:${info.size}:${info.mtimeNs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw this.readFailure(error);
    }
  }

  private async corrupt(error: StoreUnreadableError): Promise<MemoryError> {
    const copy = await quarantineCopy(this.path, this.now()).catch(() => undefined);
    if (copy) this.options.onQuarantine?.(this.path, copy);
    return storeCorrupt(this.path, error.message, copy);
  }

  private changedUnderUs(): MemoryError {
    return storeKeptChanging(this.path);
  }

  private tooNew(schemaVersion: number): MemoryError {
    return storeTooNew(this.path, schemaVersion);
  }

  /** Whether the data in use came from a store a newer server wrote (readable, but never written here). */
  get readOnlyBecauseNewer(): boolean {
    return this.db.data.schemaVersion > STORE_SCHEMA_VERSION;
  }

  private readFailure(error: unknown): MemoryError {
    return ioError(`read memory store ${this.path}`, error);
  }

  private writeFailure(error: unknown): MemoryError {
    return ioError(`write memory store ${this.path}`, error);
  }
}
