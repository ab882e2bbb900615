import { dirname } from 'node:path';
import { MemoryError, isMemoryError } from '../errors.js';
import { appendedMemories, beforeChange } from './append-only.js';
import { DurableTextFile } from './durable-text-file.js';
import { makeFolder } from './make-folder.js';
import { type CopyEvents, StoreCopy, UNKNOWN_VERSION } from './store-copy.js';
import { keepRejectedRecords } from './rejected-records.js';
import { ioError, storeKeptChanging, storeNeedsRepair, storeTooNew, writeFailure } from './store-errors.js';
import { type StoreData, STORE_SCHEMA_VERSION, emptyStore } from './store-file.js';
import { StoreUnreadableError } from './store-file-adapter.js';
import type { RecordsRepair, StoreFlaw } from './store-records.js';
import { type LockOptions, withStoreLock } from './store-lock.js';
import { writeStore } from './write-store.js';
import type { ChangeOutcome, MemoryStorePort, StoreChange } from './store-port.js';
import { removeOrphanTempFiles } from './durable-text-file.js';
import { isProcessAlive } from './process-alive.js';
import { watchStoreFile } from './watch-store-file.js';

export interface MemoryStoreOptions extends CopyEvents {
  /** The text layer; tests pass one that fails like a full disk. */
  textFile?: DurableTextFile;
  now?: () => Date;
  lock?: LockOptions;
  /** Written into the file's header so a store says which folder it belongs to. */
  project?: { name: string; root: string };
}

const MAX_CHANGED_RETRIES = 5;

type Attempt<R> = { done: true; result: R } | { done: false };

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
export class MemoryStore implements MemoryStorePort {
  private readonly copy: StoreCopy;
  /** The tail of this process's queue of writes to the store. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Set while a write has changed the data in memory but not yet installed or dropped it. */
  private changing = false;
  /** Changes queued or running in this process. */
  private queued = 0;

  constructor(
    readonly path: string,
    private readonly options: MemoryStoreOptions = {},
  ) {
    this.copy = new StoreCopy(path, options.textFile ?? new DurableTextFile(path), options.now ?? (() => new Date()), options);
  }

  /** The current data; the same object until the file changes, so callers can cache on identity. */
  async read(): Promise<StoreData> {
    // A write of this process changes the data in place before it is on disk, and can still
    // fail; a read must never show such a change, nor the placeholder a failed write leaves,
    // so it waits for the writes queued so far. Overtaken by another read, it reads again.
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      while (this.changing) await this.writes;
      const outcome = await this.copy.refresh(false);
      if (outcome.state === 'current' && !this.changing) return this.copy.data;
      if (outcome.state === 'torn') return this.readTorn(outcome.data);
      if (outcome.state === 'unreadable') return this.readLocked();
    }
    // Kept being overtaken: db.data may now be a write's unwritten change or a failed write's
    // empty placeholder. Return the file's own data, detached (not installed).
    try {
      return (await this.copy.file.read()) ?? emptyStore();
    } catch (error) {
      if (error instanceof StoreUnreadableError) return this.readLocked();
      throw await this.copy.readProblem(error);
    }
  }

  /**
   * A read under the lock, where no writer is at work: a file still unreadable there is damage
   * (quarantined, and thrown as such), and a torn one a crash's leftover (repaired).
   */
  private async readLocked(lock?: LockOptions): Promise<StoreData> {
    await this.queue(async () => ((await this.freshForWrite()) ? { done: true, result: undefined } : { done: false }), lock);
    while (this.changing) await this.writes;
    return this.copy.data;
  }

  /**
   * A lock-free read found an append cut short. With the lock free no writer is at work: it is a
   * crash's leftover, repaired now. Otherwise (or if the repair fails) `committed`, the store as
   * last committed, not installed: the writer will finish, or the next write repairs it.
   */
  private async readTorn(committed: StoreData): Promise<StoreData> {
    // Never behind this process's own writes: they may wait long for a busy lock.
    if (this.queued > 0) return committed;
    try {
      return await this.readLocked({ maxTries: 1 });
    } catch (error) {
      if (isMemoryError(error) && error.code === 'store_corrupt') throw error;
      return committed;
    }
  }

  /**
   * Runs `change` on fresh data under the lock and writes the result once. `change` returns
   * `{ write: false }` to skip the write (e.g. a duplicate). It must validate before mutating:
   * if it throws, or the write fails, the in-memory copy is dropped and re-read from disk.
   */
  mutate<R>(change: (data: StoreData) => { result: R; write: boolean }, lock?: LockOptions): Promise<R> {
    return this.queue(() => this.changeOnce(change), lock);
  }

  /**
   * Makes a store whose records need it (see StoreFlaw) writable again: the records it leaves
   * out are kept, verbatim, in a side file (rejected-records.ts), then the store is rewritten
   * with the rest, duplicate ids served renamed as they were read. Nothing to do for a sound store.
   */
  repairRecords(): Promise<RecordsRepair> {
    return this.queue(() => this.repairRecordsOnce());
  }

  /** The records the data in use leaves out or serves renamed; while any, writes are refused. */
  get flaws(): readonly StoreFlaw[] {
    return this.copy.flaws;
  }

  private queue<R>(attempt: () => Promise<Attempt<R>>, lock?: LockOptions): Promise<R> {
    // One write at a time per store in this process: concurrent calls share one copy of the data,
    // so a write that lost a race could find its own unwritten change "already stored". The file
    // lock only has to arbitrate between processes.
    const run = () => this.lockedWithRetries(attempt, { ...this.options.lock, ...lock });
    const next = this.writes.then(run, run);
    this.queued++;
    this.writes = next.catch(() => undefined).finally(() => this.queued--);
    return next;
  }

  private async lockedWithRetries<R>(attempt: () => Promise<Attempt<R>>, lock: LockOptions): Promise<R> {
    await makeFolder(dirname(this.path)).catch((error: NodeJS.ErrnoException) => {
      // mkdir -p reports a file standing where the folder should be as EEXIST; say what that means.
      throw ioError(`create memory folder ${dirname(this.path)}`, error.code === 'EEXIST' ? { code: 'ENOTDIR' } : error);
    });
    return withStoreLock(
      this.path,
      async () => {
        for (let tries = 1; ; tries++) {
          const outcome = await attempt();
          if (outcome.done) return outcome.result;
          if (tries === MAX_CHANGED_RETRIES) throw storeKeptChanging(this.path);
        }
      },
      lock,
    );
  }

  /**
   * One read-modify-write. Right before the write it checks that the file is still the version
   * that was read; if another process wrote meanwhile, the change is redone on the new version.
   * The lock is only ever taken from dead holders (lock-takeover.ts), so this is a second line of
   * defence, and best effort: a check followed by a rename cannot be one atomic step.
   */
  private async changeOnce<R>(change: (data: StoreData) => { result: R; write: boolean }): Promise<Attempt<R>> {
    if (!(await this.freshForWrite())) return { done: false };
    // The data leaves records out: written back, they would be gone.
    if (this.copy.flaws.length > 0) throw storeNeedsRepair(this.path, this.copy.flaws);
    const data = this.copy.data;
    const readVersion = this.copy.version;
    // Only a file that may take an append needs the memories remembered (an O(n) copy).
    let before = this.copy.mayAppend() ? beforeChange(data) : undefined;
    // `change` validates before it mutates, so a refusal it raises leaves the data as it was
    // and the copy in memory (with the indexes built on it) stays in use.
    let outcome: { result: R; write: boolean };
    this.changing = true;
    try {
      outcome = change(data);
    } catch (error) {
      // Anything but a refusal is a bug that may have left the data half-changed.
      if (!(error instanceof MemoryError)) this.copy.forget();
      this.changing = false;
      throw error;
    }
    const { result, write } = outcome;
    if (!write) {
      this.changing = false;
      return { done: true, result };
    }
    let changedUnderUs = false;
    const stillAsRead = async () => {
      if (await this.copy.unchangedSince(readVersion)) return;
      changedUnderUs = true;
      throw storeKeptChanging(this.path);
    };
    try {
      if (this.options.project) data.project = this.options.project;
      // A file not in our own layout, or without our writeId, is rewritten whole.
      const added = before && appendedMemories(before, data);
      const appended = before && added && this.copy.provenAppendable(before) ? added : undefined;
      // Let the memories as they were be collected: a whole rewrite of a big store that changed
      // many of them (the cap archiving most of it) must not hold both versions at once.
      before = undefined;
      const written = await writeStore(this.path, this.copy.db, this.copy.file, appended, stillAsRead);
      if (written === undefined) changedUnderUs = true;
      else this.copy.install(data, written, data.memories.length > 0);
      return changedUnderUs ? { done: false } : { done: true, result };
    } catch (error) {
      // The data was changed but not written: drop it, the next call reads the file again.
      this.copy.forget();
      if (changedUnderUs) return { done: false };
      throw error instanceof MemoryError ? error : writeFailure(this.path, error);
    } finally {
      this.changing = false;
    }
  }

  /**
   * Under the lock: the file read again if it changed, refused if a newer server wrote it, and
   * a crash's torn append repaired. false when overtaken (the caller tries again).
   */
  private async freshForWrite(): Promise<boolean> {
    const fresh = await this.copy.refresh(true);
    if (fresh.state === 'overtaken') return false;
    // Before any repair: a store a newer server wrote is never written here, torn or not.
    if (this.copy.data.schemaVersion > STORE_SCHEMA_VERSION) throw storeTooNew(this.path, this.copy.data.schemaVersion);
    // A torn store is never one with flaws (torn-append.ts), so this rewrite leaves nothing out.
    if (fresh.state === 'torn') await this.repair();
    return true;
  }

  private async repairRecordsOnce(): Promise<Attempt<RecordsRepair>> {
    if (!(await this.freshForWrite())) return { done: false };
    const { flaws, data, version } = this.copy;
    if (flaws.length === 0) return { done: true, result: { flaws, keptAt: undefined } };
    // Kept (and synced) before the store is rewritten without them.
    const keptAt = await keepRejectedRecords(this.path, flaws, (this.options.now ?? (() => new Date()))());
    this.changing = true;
    try {
      const written = await writeStore(this.path, this.copy.db, this.copy.file, undefined, async () => {
        if (!(await this.copy.unchangedSince(version))) throw storeKeptChanging(this.path);
      });
      this.copy.install(data, written ?? UNKNOWN_VERSION, data.memories.length > 0);
      return { done: true, result: { flaws, keptAt } };
    } catch (error) {
      this.copy.forget();
      throw error instanceof MemoryError ? error : writeFailure(this.path, error);
    } finally {
      this.changing = false;
    }
  }

  /**
   * Under the lock a torn append is a crash's leftover (its bytes were copied aside when read):
   * the store is rewritten whole without it before anything else happens to it.
   */
  private async repair(): Promise<void> {
    const torn = this.copy.version;
    this.changing = true;
    try {
      const written = await writeStore(this.path, this.copy.db, this.copy.file, undefined, async () => {
        if (!(await this.copy.unchangedSince(torn))) throw storeKeptChanging(this.path);
      });
      this.copy.install(this.copy.data, written ?? UNKNOWN_VERSION, this.copy.data.memories.length > 0);
    } catch (error) {
      this.copy.forget();
      throw error instanceof MemoryError ? error : writeFailure(this.path, error);
    } finally {
      this.changing = false;
    }
  }

  /** Whether the data in use came from a store a newer server wrote (readable, but never written here). */
  get readOnlyBecauseNewer(): boolean {
    return this.copy.data.schemaVersion > STORE_SCHEMA_VERSION;
  }

  // The store port (store-port.ts), all the service relies on.

  /** The data object is replaced whenever the file changed, so a cache keyed on it needs no version. */
  readonly version = 0;
  private cleanedUp: Promise<void> | undefined;

  get location(): string {
    return this.path;
  }

  /** Temp files a killed writer left beside this store are removed before its first use. */
  ready(): Promise<void> {
    this.cleanedUp ??= removeOrphanTempFiles(this.path, isProcessAlive).then(
      () => undefined,
      () => undefined,
    );
    return this.cleanedUp;
  }

  commit<R>(change: (data: StoreData) => ChangeOutcome<R>): Promise<R> {
    return this.mutate(change);
  }

  changesSince(): readonly StoreChange[] {
    return [];
  }

  watch(onChange: () => void, onError: (error: Error) => void): () => void {
    return watchStoreFile(this.path, onChange, onError);
  }
}
