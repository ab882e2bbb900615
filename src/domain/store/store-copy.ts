import { MemoryError } from '../errors.js';
import type { Memory } from '../memory.js';
import { appendOrRewrite, asLastWritten, beforeChange } from './append-only.js';
import type { DurableTextFile } from './durable-text-file.js';
import { type CopyEvents, FileCopy, nothingRead } from './file-copy.js';
import { lastWrittenStat } from './last-write.js';
import { storeKeptChanging, storeNeedsRepair } from './store-errors.js';
import type { StoreData } from './store-file.js';
import type { ChangeOutcome } from './store-port.js';
import type { StoreFlaw } from './store-records.js';
import { type WriteTarget, writeChange } from './write-change.js';

export type { CopyEvents, LockFreeCatchUp } from './file-copy.js';

export type Attempt<R> = { done: true; result: R } | { done: false };

/**
 * This process's copy of one store file (its data, version and appendability: file-copy.ts), and
 * the one object that changes it: a change comes only through commit, which alone decides between
 * an append in place and a whole rewrite. The add path: MemoryStore.commit → queue → file lock →
 * catchUpLocked → commit → appendOrRewrite (append-only.ts decides) → writeChange (write-change.ts:
 * StoreFileAdapter.append, or lowdb's write through a temp file and a rename) → install.
 */
export class StoreCopy extends FileCopy {
  private readonly target: WriteTarget;

  constructor(
    path: string,
    textFile: DurableTextFile,
    now: () => Date,
    tell: CopyEvents,
    /** Written into the file's header so a store says which folder it belongs to. */
    private readonly project: { name: string; root: string } | undefined,
  ) {
    super(path, textFile, now, tell);
    this.target = { path, file: this.file, db: this.db, unchangedSince: (version) => this.unchangedSince(version) };
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
    const lastWritten = lastWrittenStat(this.path);
    // Only a file that may take an append needs the memories remembered (an O(n) copy).
    let before = this.appendability.kind === 'rewrite' || !asLastWritten(this.fileVersion, lastWritten) ? undefined : beforeChange(data);
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
      const decided = appendOrRewrite(before, data, this.appendability, this.fileVersion, lastWritten);
      this.appendability = decided.appendability;
      // Let the memories as they were be collected: a whole rewrite of a big store that changed
      // many of them (the cap archiving most of it) must not hold both versions at once.
      before = undefined;
      return (await this.write(decided.append)) ? { done: true, result: outcome.result } : { done: false };
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
    this.install(nothingRead());
  }

  protected async rewriteAsIs(): Promise<void> {
    this.changingNow = true;
    try {
      if (!(await this.write(undefined))) throw storeKeptChanging(this.path);
    } finally {
      this.changingNow = false;
    }
  }

  /** The data in use, written (writeChange) and installed; false, and the data dropped, when another process wrote first. */
  private async write(append: readonly Memory[] | undefined): Promise<boolean> {
    const data = this.db.data;
    try {
      const written = await writeChange(this.target, this.fileVersion, append, this.lines);
      if (written === 'changed') {
        this.forget();
        return false;
      }
      this.install({ data, version: written.version, appendability: written.appendability, flaws: [] }, written.appended);
      if (written.lines) this.lines = written.lines;
      return true;
    } catch (error) {
      this.forget();
      throw error;
    }
  }
}
