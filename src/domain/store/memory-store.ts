import { dirname } from 'node:path';
import { isMemoryError } from '../errors.js';
import { DurableTextFile, removeOrphanTempFiles } from './durable-text-file.js';
import { makeFolder } from './make-folder.js';
import { isProcessAlive } from './process-alive.js';
import { keepRejectedRecords } from './rejected-records.js';
import { type Attempt, type CopyEvents, StoreCopy } from './store-copy.js';
import { StoreLockLost, ioError, storeKeptChanging } from './store-errors.js';
import { type StoreData, STORE_SCHEMA_VERSION } from './store-file.js';
import { type LockOptions, withStoreLock } from './store-lock.js';
import type { ChangeOutcome, MemoryStorePort, StoreChange } from './store-port.js';
import type { RecordsRepair, StoreFlaw } from './store-records.js';
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
/** Locks taken again after ours was taken over before a write (StoreLockLost); more means a stalling machine. */
const MAX_RELOCKS = 3;

/** A lock-free read overtaken this often reads the file itself and returns that, detached. */
const MAX_READ_ATTEMPTS = 3;

/**
 * One project's memory file, as the store port (store-port.ts). The data, its version and how the
 * file can be written belong to one StoreCopy; this class only orders access to it. Reads take no
 * file lock and bring the copy in step lock-free; a file caught mid-append, or unreadable, is read
 * again under the lock before anything is concluded. Writes queue inside the process, then run
 * one at a time under the inter-process lock (store-lock.ts): StoreCopy.catchUpLocked, then
 * StoreCopy.commit, redone if another process wrote meanwhile.
 */
export class MemoryStore implements MemoryStorePort {
  private readonly copy: StoreCopy;
  /** The tail of this process's queue of writes to the store. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Changes queued or running in this process. */
  private queued = 0;
  private cleanedUp: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly options: MemoryStoreOptions = {},
  ) {
    this.copy = new StoreCopy(path, options.textFile ?? new DurableTextFile(path), options.now ?? (() => new Date()), options, options.project);
  }

  get location(): string {
    return this.path;
  }

  /** The version of the data read() hands out: the same object is caught up in place (changesSince). */
  get version(): number {
    return this.copy.version;
  }

  /** The records the data in use leaves out or serves renamed; while any, writes are refused. */
  get flaws(): readonly StoreFlaw[] {
    return this.copy.flaws;
  }

  /** Whether the data in use came from a store a newer server wrote (readable, but never written here). */
  get readOnlyBecauseNewer(): boolean {
    return this.copy.data.schemaVersion > STORE_SCHEMA_VERSION;
  }

  /** Temp files a killed writer left beside this store are removed before its first use. */
  ready(): Promise<void> {
    this.cleanedUp ??= removeOrphanTempFiles(this.path, isProcessAlive).then(
      () => undefined,
      () => undefined,
    );
    return this.cleanedUp;
  }

  /** The current data; the same object until the file is replaced, so callers can cache on identity and version. */
  async read(): Promise<StoreData> {
    // A write of this process changes the data in place before it is on disk, and can still
    // fail; a read must never show such a change, nor the placeholder a failed write leaves,
    // so it waits for the writes queued so far. Overtaken by another read, it reads again.
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      while (this.copy.changing) await this.writes;
      const outcome = await this.copy.catchUp();
      if (outcome.state === 'current' && !this.copy.changing) return this.copy.data as StoreData;
      if (outcome.state === 'torn') return this.readTorn(outcome.committed);
      if (outcome.state === 'unreadable') return this.readLocked();
    }
    // Kept being overtaken: the data in use may now be a write's unwritten change or a failed
    // write's empty placeholder. Return the file's own data, detached (not installed).
    return (await this.copy.readDetached()) ?? this.readLocked();
  }

  /**
   * Runs `change` on fresh data under the lock and writes the result once (see StoreCopy.commit).
   * `change` returns `{ write: false }` to skip the write (e.g. a duplicate).
   */
  commit<R>(change: (data: StoreData) => ChangeOutcome<R>): Promise<R> {
    return this.queue(() => this.copy.commit(change));
  }

  /** The changes another process appended since `version`, for readers to apply instead of rebuilding. */
  changesSince(version: number): readonly StoreChange[] | undefined {
    return this.copy.changesSince(version);
  }

  /**
   * Makes a store whose records need it (see StoreFlaw) writable again: the records it leaves
   * out are kept, verbatim, in a side file (rejected-records.ts), then the store is rewritten
   * with the rest, duplicate ids served renamed as they were read. Nothing to do for a sound store.
   */
  repairRecords(): Promise<RecordsRepair> {
    const now = this.options.now ?? (() => new Date());
    return this.queue(async () => ({ done: true, result: await this.copy.rewriteWithoutFlaws((flaws) => keepRejectedRecords(this.path, flaws, now())) }));
  }

  watch(onChange: () => void, onError: (error: Error) => void): () => void {
    return watchStoreFile(this.path, onChange, onError);
  }

  /** A read under the lock, where no writer is at work (see StoreCopy.catchUpLocked). */
  private async readLocked(lock?: LockOptions): Promise<StoreData> {
    await this.queue(async () => ({ done: true, result: undefined }), lock);
    while (this.copy.changing) await this.writes;
    return this.copy.data as StoreData;
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

  /** Runs `attempt` under the lock, on a copy caught up with the file, one at a time in this process. */
  private queue<R>(attempt: () => Promise<Attempt<R>>, lock?: LockOptions): Promise<R> {
    // One write at a time per store in this process: concurrent calls share one copy of the data,
    // so a write that lost a race could find its own unwritten change "already stored". The file
    // lock only has to arbitrate between processes.
    const run = () => this.locked(attempt, { ...this.options.lock, ...lock });
    const next = this.writes.then(run, run);
    this.queued++;
    this.writes = next.catch(() => undefined).finally(() => this.queued--);
    return next;
  }

  private async locked<R>(attempt: () => Promise<Attempt<R>>, lock: LockOptions): Promise<R> {
    await makeFolder(dirname(this.path)).catch((error: NodeJS.ErrnoException) => {
      // mkdir -p reports a file standing where the folder should be as EEXIST; say what that means.
      throw ioError(`create memory folder ${dirname(this.path)}`, error.code === 'EEXIST' ? { code: 'ENOTDIR' } : error);
    });
    for (let relocks = 0; ; relocks++) {
      try {
        return await withStoreLock(
          this.path,
          async () => {
            // Another process writing without the lock (only a taken-over dead holder can) makes the
            // file change under us: the attempt is redone on the new version, a few times at most.
            for (let tries = 1; ; tries++) {
              const outcome = (await this.copy.catchUpLocked()) ? await attempt() : { done: false as const };
              if (outcome.done) return outcome.result;
              if (tries === MAX_CHANGED_RETRIES) throw storeKeptChanging(this.path);
            }
          },
          lock,
        );
      } catch (error) {
        // Our lock was taken over (we stalled) before the write touched the file: redo it under a new one.
        if (!(error instanceof StoreLockLost) || relocks + 1 >= MAX_RELOCKS) throw error;
      }
    }
  }
}
