import { randomBytes } from 'node:crypto';
import { Low } from 'lowdb';
import { MemoryError } from '../errors.js';
import type { Memory } from '../memory.js';
import { type Appendability, appendedMemories, beforeChange, provenAppendability } from './append-only.js';
import { type AppendedTail, type KnownEnd, appendedMemoriesIn, knownEndOf, readAppendedTail, sizeOf } from './appended-tail.js';
import type { DurableTextFile } from './durable-text-file.js';
import { type FileVersion, installedWriteId, sameVersion, statOf, versionOf } from './file-version.js';
import { lastWrittenStat, recordLastWrite } from './last-write.js';
import { keepCopyAside, keepTornFileAside } from './quarantine.js';
import { readFailure, storeCorrupt, StoreLockLost, storeKeptChanging, storeNeedsRepair, storeTooNew, writeFailure } from './store-errors.js';
import { stillHoldsStoreLock } from './store-lock.js';
import { type StoreData, STORE_SCHEMA_VERSION, emptyStore, writeIdOf } from './store-file.js';
import { StoreFileAdapter, StoreTooNewError, StoreUnreadableError } from './store-file-adapter.js';
import { ChangeLog } from './change-log.js';
import type { ChangeOutcome, StoreChange } from './store-port.js';
import type { StoreFlaw } from './store-records.js';

const UNKNOWN_VERSION: FileVersion = { stat: undefined, writeId: undefined };

/** A lock-free catch-up: `torn` hands out the store as last committed (the writer may be at work). */
export type LockFreeCatchUp = { state: 'current' | 'overtaken' | 'unreadable' } | { state: 'torn'; committed: StoreData };

export type Attempt<R> = { done: true; result: R } | { done: false };

export interface CopyEvents {
  /** Told when an unreadable store was found and copied aside. */
  onQuarantine?: (storePath: string, copyPath: string) => void;
  /** Told when a crash left an add cut short: it is read without it; the file as found is copied aside. */
  onTornAppend?: (storePath: string, copyPath: string) => void;
}

/**
 * This process's copy of one store file, and the one object that changes it: the data in use
 * (lowdb holds it and writes it through our adapter), the version of the file it came from,
 * whether that file can take an append, and the records the data leaves out (flaws). The file
 * reaches it only through catchUp/catchUpLocked; a change only through commit, which alone
 * decides between an append in place and a whole rewrite. The add path: MemoryStore.commit →
 * queue → file lock → catchUpLocked → commit → appendOrRewrite.
 */
export class StoreCopy {
  private readonly file: StoreFileAdapter;
  private readonly db: Low<StoreData>;
  private fileVersion: FileVersion = UNKNOWN_VERSION;
  private appendability: Appendability = { kind: 'rewrite' };
  /** Set for a file in our layout: what a later catch-up needs to read only what was appended. */
  private end: KnownEnd | undefined;
  private currentFlaws: readonly StoreFlaw[] = [];
  /** Bumped by every install and catch-up; a lock-free read overtaken by one drops its result. */
  private installs = 0;
  /** Another process's appends applied to the data in use, by version (the store port's `version`). */
  private readonly changes = new ChangeLog();
  /** Set while a commit has changed the data in memory but not yet installed or dropped it. */
  private changingNow = false;

  constructor(
    readonly path: string,
    textFile: DurableTextFile,
    private readonly now: () => Date,
    private readonly tell: CopyEvents,
    /** Written into the file's header so a store says which folder it belongs to. */
    private readonly project: { name: string; root: string } | undefined,
  ) {
    this.file = new StoreFileAdapter(textFile);
    this.db = new Low(this.file, emptyStore());
  }

  get data(): Readonly<StoreData> {
    return this.db.data;
  }

  get flaws(): readonly StoreFlaw[] {
    return this.currentFlaws;
  }

  get version(): number {
    return this.changes.version;
  }

  get changing(): boolean {
    return this.changingNow;
  }

  changesSince(version: number): readonly StoreChange[] | undefined {
    return this.changes.since(version);
  }

  /** The file's own data, read now and not installed (a read that kept being overtaken); undefined when unreadable. */
  async readDetached(): Promise<StoreData | undefined> {
    try {
      return (await this.file.read()) ?? emptyStore();
    } catch (error) {
      if (error instanceof StoreUnreadableError) return undefined;
      throw await this.readProblem(error);
    }
  }

  /**
   * Without the lock: brings the data in step with the file when its version (see FileVersion)
   * differs, by the appended tail when readAppendedTail can show that is all that changed, else
   * by reading it whole. A read overtaken by an install, or across a change of the file, installs
   * nothing (`overtaken`): the next write would be based on it. A torn append or an unreadable
   * file is reported, never installed: a writer may be at work.
   */
  async catchUp(): Promise<LockFreeCatchUp> {
    const started = this.installs;
    const version = await this.currentVersion();
    if (sameVersion(version, this.fileVersion)) return { state: 'current' };
    // A file made by hand has no writeId yet: lock-free reads trust its metadata.
    if (version.writeId === undefined && version.stat !== undefined && version.stat === this.fileVersion.stat) return { state: 'current' };
    if (await this.applyTail(version, started)) return { state: 'current' };
    let read: Awaited<ReturnType<StoreFileAdapter['readStore']>>;
    try {
      read = await this.file.readStore();
    } catch (error) {
      if (error instanceof StoreUnreadableError) return { state: 'unreadable' };
      throw await this.readProblem(error);
    }
    if (!(await this.unchangedSince(version))) return { state: 'overtaken' };
    if (read?.torn) return { state: 'torn', committed: read.data };
    if (this.installs !== started) return { state: 'overtaken' };
    this.installRead(read, version);
    return { state: 'current' };
  }

  /**
   * Under the lock, where no writer is at work: a file still unreadable is damage (quarantined,
   * thrown), a torn one a crash's leftover (copied aside and rewritten without the unfinished add
   * before anything else happens to it), a store a newer server wrote is refused. A hand-made file
   * is always read again. false when the file changed while it was read (the caller tries again).
   */
  async catchUpLocked(): Promise<boolean> {
    const version = await this.currentVersion();
    if (!sameVersion(version, this.fileVersion) && !(await this.applyTail(version, this.installs))) {
      let read: Awaited<ReturnType<StoreFileAdapter['readStore']>>;
      try {
        read = await this.file.readStore();
      } catch (error) {
        throw await this.readProblem(error);
      }
      if (!(await this.unchangedSince(version))) return false;
      if (read?.torn) await keepTornFileAside(this.path, this.now(), this.tell.onTornAppend);
      this.installRead(read, version);
      // Before any repair: a store a newer server wrote is never written here, torn or not.
      if (this.db.data.schemaVersion > STORE_SCHEMA_VERSION) throw storeTooNew(this.path, this.db.data.schemaVersion);
      // A torn store is never one with flaws (torn-append.ts), so this rewrite leaves nothing out.
      if (read?.torn) await this.rewriteAsIs();
    }
    if (this.db.data.schemaVersion > STORE_SCHEMA_VERSION) throw storeTooNew(this.path, this.db.data.schemaVersion);
    return true;
  }

  /**
   * Under the lock, after catchUpLocked: runs `change` on the data and makes its effect durable,
   * appended in place when it only added memories at the end of a file proven ours, else by a
   * whole rewrite. `change` validates before it mutates: a refusal (MemoryError) leaves the copy
   * in use; anything else, or a failed write, drops it and the next call reads the file again.
   * `{ done: false }`: another process wrote since the data was read (the caller redoes the change).
   */
  async commit<R>(change: (data: StoreData) => ChangeOutcome<R>): Promise<Attempt<R>> {
    // The data leaves records out: written back, they would be gone.
    if (this.currentFlaws.length > 0) throw storeNeedsRepair(this.path, this.currentFlaws);
    const data = this.db.data;
    // Only a file that may take an append needs the memories remembered (an O(n) copy).
    let before = this.appendability.kind === 'rewrite' ? undefined : beforeChange(data);
    this.changingNow = true;
    try {
      let outcome: ChangeOutcome<R>;
      try {
        outcome = change(data);
      } catch (error) {
        // Anything but a refusal is a bug that may have left the data half-changed.
        if (!(error instanceof MemoryError)) this.forget();
        throw error;
      }
      if (!outcome.write) return { done: true, result: outcome.result };
      if (this.project) data.project = this.project;
      // A file not in our own layout, or without our writeId, is rewritten whole; so is one changed
      // since the last write of any process (a hand edit saved in place, see last-write.ts).
      const added = before && appendedMemories(before, data);
      if (before && added) this.appendability = provenAppendability(this.appendability, before, this.fileVersion.writeId !== undefined);
      const append = added && this.appendability.kind === 'ours' && this.fileVersion.stat === lastWrittenStat(this.path) ? added : undefined;
      // Let the memories as they were be collected: a whole rewrite of a big store that changed
      // many of them (the cap archiving most of it) must not hold both versions at once.
      before = undefined;
      return (await this.appendOrRewrite(append)) ? { done: true, result: outcome.result } : { done: false };
    } finally {
      this.changingNow = false;
    }
  }

  /**
   * Makes a store with flaws writable again: the records it leaves out are kept by `keep` (a
   * synced side file) before the store is rewritten with the rest. Under the lock, after catchUpLocked.
   */
  async rewriteWithoutFlaws(keep: (flaws: readonly StoreFlaw[]) => Promise<string>): Promise<{ flaws: readonly StoreFlaw[]; keptAt: string | undefined }> {
    const flaws = this.currentFlaws;
    if (flaws.length === 0) return { flaws, keptAt: undefined };
    const keptAt = await keep(flaws);
    await this.rewriteAsIs();
    return { flaws, keptAt };
  }

  /** Drops the data in use (a failed or unfinished change): the next call reads the file again. */
  forget(): void {
    this.install(emptyStore(), UNKNOWN_VERSION, { kind: 'rewrite' }, []);
  }

  async readProblem(error: unknown): Promise<MemoryError> {
    if (error instanceof StoreTooNewError) return storeTooNew(this.path, error.schemaVersion);
    if (!(error instanceof StoreUnreadableError)) return readFailure(this.path, error);
    return storeCorrupt(this.path, error.message, await keepCopyAside(this.path, this.now(), this.tell.onQuarantine));
  }

  /** The data as it is, rewritten whole (a torn append's repair, or without its flaws). */
  private async rewriteAsIs(): Promise<void> {
    this.changingNow = true;
    try {
      if (!(await this.appendOrRewrite(undefined))) throw storeKeptChanging(this.path);
    } finally {
      this.changingNow = false;
    }
  }

  /**
   * The one place a change reaches the disk. `append` (memories a change only put at the end)
   * writes just their bytes in place; otherwise the store is rewritten whole through lowdb (temp
   * file, fsync, rename) with a fresh writeId. Right before the file is touched it checks that the
   * lock is still ours and the file still the version read; the lock is only ever taken from
   * holders that are gone or stopped refreshing it (lock-takeover.ts), so this is a second line of
   * defence, and best effort: a check then a rename is not atomic.
   * false when another process wrote meanwhile; the data is then dropped, as after any failure.
   */
  private async appendOrRewrite(append: readonly Memory[] | undefined): Promise<boolean> {
    const readVersion = this.fileVersion;
    let changedUnderUs = false;
    const stillAsRead = async () => {
      // Taken over while this process was stalled: a retry would write beside the new holder.
      if (!stillHoldsStoreLock(this.path)) throw new StoreLockLost(this.path);
      if (await this.unchangedSince(readVersion)) return;
      changedUnderUs = true;
      throw storeKeptChanging(this.path);
    };
    const data = this.db.data;
    try {
      const appendedTo = append && (await this.file.append(append, stillAsRead));
      if (appendedTo !== undefined) {
        // Replaced between the append and this stat: the change must be redone on the new file.
        if (appendedTo !== (await statOf(this.path))) {
          changedUnderUs = true;
          throw storeKeptChanging(this.path);
        }
        this.install(data, { stat: appendedTo, writeId: writeIdOf(data) }, { kind: 'ours' }, []);
        recordLastWrite(this.path, appendedTo);
        return true;
      }
      data.writeId = randomBytes(9).toString('base64url');
      this.file.beforeReplace = stillAsRead;
      try {
        await this.db.write();
      } finally {
        this.file.beforeReplace = undefined;
      }
      const written = await statOf(this.path);
      this.install(data, { stat: written, writeId: data.writeId }, data.memories.length > 0 ? { kind: 'ours' } : { kind: 'rewrite' }, []);
      recordLastWrite(this.path, written);
      return true;
    } catch (error) {
      this.forget();
      if (changedUnderUs) return false;
      throw error instanceof MemoryError ? error : writeFailure(this.path, error);
    }
  }

  /**
   * Another process's appends, applied in place of a whole re-read when readAppendedTail shows
   * that is all that changed (and the records are sound, with ids not yet used). The data object
   * stays the same and its version is bumped, so readers update their indexes from changesSince.
   */
  private async applyTail(version: FileVersion, started: number): Promise<boolean> {
    const known = this.end;
    if (known === undefined || this.currentFlaws.length > 0 || version.writeId !== known.writeId) return false;
    let tail: AppendedTail | undefined;
    try {
      tail = await readAppendedTail(this.path, known);
    } catch {
      return false;
    }
    // Read across a change, or overtaken by an install: the whole read below decides.
    if (!tail || tail.end.stat !== version.stat || !(await this.unchangedSince(version)) || this.installs !== started) return false;
    const memories = appendedMemoriesIn(tail, this.db.data);
    if (!memories) return false;
    this.db.data.memories.push(...memories);
    // Proven ours stays so (the bytes appended are exactly our layout); a length to prove grows with them.
    const appendability: Appendability = this.appendability.kind === 'looks-ours' ? { kind: 'looks-ours', bytes: sizeOf(tail.end.stat) } : this.appendability;
    this.fileVersion = version;
    this.appendability = appendability;
    this.end = tail.end;
    this.installs++;
    this.changes.add(memories);
    return true;
  }

  private installRead(read: Awaited<ReturnType<StoreFileAdapter['readStore']>>, version: FileVersion): void {
    const data = read?.data ?? emptyStore();
    const appendability: Appendability = read?.appendable ? { kind: 'looks-ours', bytes: read.appendable } : { kind: 'rewrite' };
    this.install(data, { stat: read ? version.stat : undefined, writeId: read ? installedWriteId(version, data) : undefined }, appendability, read?.flaws ?? []);
  }

  private install(data: StoreData, version: FileVersion, appendability: Appendability, flaws: readonly StoreFlaw[]): void {
    // Readers key their indexes on the data object: a new one is rebuilt from, so the catch-ups
    // of the old one are of no further use. A commit of ours keeps the object and the version
    // (the service keeps its own indexes in step).
    if (data !== this.db.data) this.changes.clear();
    this.db.data = data;
    this.fileVersion = version;
    this.appendability = appendability;
    this.currentFlaws = flaws;
    this.end = appendability.kind !== 'rewrite' && flaws.length === 0 ? knownEndOf(data, version) : undefined;
    this.installs++;
  }

  private async unchangedSince(version: FileVersion): Promise<boolean> {
    const now = await this.currentVersion();
    return now.stat === version.stat && now.writeId === version.writeId;
  }

  private currentVersion(): Promise<FileVersion> {
    return versionOf(this.path, () => this.file.readHead()).catch((error: unknown) => {
      throw readFailure(this.path, error);
    });
  }
}
