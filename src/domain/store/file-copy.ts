import { Low } from 'lowdb';
import type { MemoryError } from '../errors.js';
import type { Memory } from '../memory.js';
import type { Appendability } from './append-only.js';
import { type KnownEnd, knownEndOf } from './appended-tail.js';
import { ChangeLog } from './change-log.js';
import type { DurableTextFile } from './durable-text-file.js';
import { type FileVersion, sameBesidesChangeTime, sameVersion, versionOf } from './file-version.js';
import { lastWriteOf } from './last-write.js';
import { keepTornFileAside } from './quarantine.js';
import { type ReadState, type WholeRead, type WholeReadNow, appendedSince, readProblem, readWhole, stateOfRead } from './read-file.js';
import { readFailure, storeTooNew } from './store-errors.js';
import { type StoreData, STORE_SCHEMA_VERSION, emptyStore } from './store-file.js';
import { StoreFileAdapter, StoreUnreadableError } from './store-file-adapter.js';
import type { StoreChange } from './store-port.js';
import type { StoreFlaw } from './store-records.js';
import type { WrittenLines } from './written-lines.js';

const UNKNOWN_VERSION: FileVersion = { stat: undefined, writeId: undefined };
export const nothingRead = (): ReadState => ({ data: emptyStore(), version: UNKNOWN_VERSION, appendability: { kind: 'rewrite' }, flaws: [] });

/** A lock-free catch-up: `torn` hands out the store as last committed (the writer may be at work). */
export type LockFreeCatchUp = { state: 'current' | 'overtaken' | 'unreadable' } | { state: 'torn'; committed: StoreData };

export interface CopyEvents {
  /** Told when an unreadable store was found and copied aside. */
  onQuarantine?: (storePath: string, copyPath: string) => void;
  /** Told when a crash left an add cut short: it is read without it; the file as found is copied aside. */
  onTornAppend?: (storePath: string, copyPath: string) => void;
}

/**
 * The state StoreCopy owns, and how it keeps in step with the file: the data in use (lowdb holds
 * it), the version of the file it came from, whether that file can take an append, what a later
 * catch-up needs to read only the appended tail, and the records the data leaves out (flaws).
 * The file reaches it only through catchUp/catchUpLocked (read-file.ts reads it); changes are
 * StoreCopy's (store-copy.ts).
 */
export abstract class FileCopy {
  protected readonly file: StoreFileAdapter;
  protected readonly db: Low<StoreData>;
  protected fileVersion: FileVersion = UNKNOWN_VERSION;
  protected appendability: Appendability = { kind: 'rewrite' };
  protected currentFlaws: readonly StoreFlaw[] = [];
  /** Set while a commit has changed the data in memory but not yet installed or dropped it. */
  protected changingNow = false;
  /** Set for a file in our layout: what a later catch-up needs to read only what was appended. */
  private end: KnownEnd | undefined;
  /** Bumped by every install and catch-up; a lock-free read overtaken by one drops its result. */
  private installs = 0;
  /** Another process's appends applied to the data in use, by version (the store port's `version`). */
  private readonly changes = new ChangeLog();
  /**
   * The ids of the data in use, made at the first tail catch-up that needs them and kept while
   * only appends change the data: a tail's ids are checked against them, where a walk of 100,000
   * memories took most of a catch-up's 5 ms (npm run bench:engines "read after another server's add").
   */
  private ids: Set<string> | undefined;
  /** Where the lines of the file our last whole rewrite wrote are, kept on the same terms as `ids`. */
  protected lines: WrittenLines | undefined;
  /**
   * The digest of the bytes the data in use was parsed from, for a file without writeId (made or
   * re-saved by hand). Metadata cannot tell such a file's versions apart, so each write reads it
   * again under the lock: the same bytes then keep the data in use, and the indexes readers built
   * on it. Parsed again, the first add to a hand-made store of 100,000 memories held two copies of
   * it and the next search rebuilt its index (npm run bench "peak RSS at 100,000").
   */
  private handMade: string | undefined;

  constructor(
    readonly path: string,
    textFile: DurableTextFile,
    protected readonly now: () => Date,
    private readonly tell: CopyEvents,
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
    let whole: WholeReadNow;
    try {
      whole = await readWhole(this.file, version, this.handMade, lastWriteOf(this.path));
    } catch (error) {
      if (error instanceof StoreUnreadableError) return { state: 'unreadable' };
      throw await this.readProblem(error);
    }
    if (!(await this.unchangedSince(version))) return { state: 'overtaken' };
    if (whole !== 'as in use' && whole.read?.torn) return { state: 'torn', committed: whole.read.data };
    if (this.installs !== started) return { state: 'overtaken' };
    if (whole === 'as in use') this.fileVersion = version;
    else this.install(stateOfRead(whole.read, version, whole.digest, whole.breaks));
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
      let whole: WholeReadNow;
      try {
        whole = await readWhole(this.file, version, this.handMade, lastWriteOf(this.path));
      } catch (error) {
        throw await this.readProblem(error);
      }
      if (!(await this.unchangedSince(version))) return false;
      if (whole === 'as in use') this.fileVersion = version;
      else if (!(await this.installLocked(whole, version))) return false;
    }
    if (this.db.data.schemaVersion > STORE_SCHEMA_VERSION) throw storeTooNew(this.path, this.db.data.schemaVersion);
    return true;
  }

  /** false when the file changed while a torn one was kept aside (the caller reads it again). */
  private async installLocked({ read, digest, breaks }: { read: WholeRead; digest: string | undefined; breaks?: readonly number[] }, readAt: FileVersion): Promise<boolean> {
    let version = readAt;
    if (read?.torn) {
      await keepTornFileAside(this.path, this.now(), this.tell.onTornAppend);
      // Its hard link set the file's ctime: the file read is the one after it, if nothing else changed.
      version = await this.currentVersion();
      if (!sameBesidesChangeTime(version, readAt)) return false;
    }
    this.install(stateOfRead(read, version, digest, breaks));
    // Before any repair: a store a newer server wrote is never written here, torn or not.
    if (this.db.data.schemaVersion > STORE_SCHEMA_VERSION) throw storeTooNew(this.path, this.db.data.schemaVersion);
    // A torn store is never one with flaws (torn-append.ts), so this rewrite leaves nothing out.
    if (read?.torn) await this.rewriteAsIs();
    return true;
  }

  /** The data as it is, rewritten whole (a torn append's repair, or without its flaws). */
  protected abstract rewriteAsIs(): Promise<void>;

  /** `appended`: the memories our commit only added to the data in use (an append), else any change. */
  protected install({ data, version, appendability, flaws, digest, lines }: ReadState, appended?: readonly Memory[]): void {
    // Readers key their indexes on the data object: a new one is rebuilt from, so the catch-ups
    // of the old one are of no further use. A commit of ours keeps the object and the version
    // (the service keeps its own indexes in step).
    if (data !== this.db.data) this.changes.clear();
    if (appended && data === this.db.data) for (const memory of appended) this.ids?.add(memory.id);
    else {
      this.ids = undefined;
      this.lines = lines;
    }
    this.db.data = data;
    this.fileVersion = version;
    this.appendability = appendability;
    this.currentFlaws = flaws;
    this.handMade = digest;
    this.end = appendability.kind !== 'rewrite' && flaws.length === 0 ? knownEndOf(data, version) : undefined;
    this.installs++;
  }

  protected async unchangedSince(version: FileVersion): Promise<boolean> {
    const now = await this.currentVersion();
    return now.stat === version.stat && now.writeId === version.writeId;
  }

  /**
   * Another process's appends, applied in place of a whole re-read (see appendedSince). The data
   * object stays the same and its version is bumped, so readers update their indexes from changesSince.
   */
  private async applyTail(version: FileVersion, started: number): Promise<boolean> {
    if (this.end === undefined || this.currentFlaws.length > 0) return false;
    const appended = await appendedSince(this.path, this.end, version, (id) => this.idsInUse().has(id), this.appendability);
    // Read across a change, or overtaken by an install: the whole read decides.
    if (!appended || !(await this.unchangedSince(version)) || this.installs !== started) return false;
    this.db.data.memories.push(...appended.memories);
    this.handMade = undefined;
    for (const memory of appended.memories) this.ids?.add(memory.id);
    this.fileVersion = version;
    this.appendability = appended.appendability;
    this.end = appended.end;
    this.installs++;
    this.changes.add(appended.memories);
    return true;
  }

  private idsInUse(): Set<string> {
    return (this.ids ??= new Set(this.db.data.memories.map((memory) => memory.id)));
  }

  private readProblem(error: unknown): Promise<MemoryError> {
    return readProblem(this.path, error, this.now(), this.tell.onQuarantine);
  }

  private currentVersion(): Promise<FileVersion> {
    return versionOf(this.path, () => this.file.readHead()).catch((error: unknown) => {
      throw readFailure(this.path, error);
    });
  }
}
