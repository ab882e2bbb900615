import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { MemoryError } from '../errors.js';
import { DurableTextFile } from './durable-text-file.js';
import { quarantineCopy } from './quarantine.js';
import { type StoreData, STORE_SCHEMA_VERSION, emptyStore } from './store-file.js';
import { StoreFileAdapter, StoreUnreadableError } from './store-file-adapter.js';
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

/** What identifies one version of the file: a rename always brings a new inode. */
type FileSignature = string;

/**
 * One project's memory file. Reads are lock-free (writes are atomic renames, so a reader sees a
 * whole file) and skip parsing when the file is unchanged. Writes are one read-modify-write
 * under the inter-process lock, re-reading first if another process wrote since.
 */
export class MemoryStore {
  private readonly db: Low<StoreData>;
  private signature: FileSignature | undefined;
  private readonly now: () => Date;

  constructor(
    readonly path: string,
    private readonly options: MemoryStoreOptions = {},
  ) {
    this.db = new Low(new StoreFileAdapter(options.textFile ?? new DurableTextFile(path)), emptyStore());
    this.now = options.now ?? (() => new Date());
  }

  /** The current data; the same object until the file changes, so callers can cache on identity. */
  async read(): Promise<StoreData> {
    await this.refresh();
    return this.db.data;
  }

  /**
   * Runs `change` on fresh data under the lock and writes the result once. `change` returns
   * `{ write: false }` to skip the write (e.g. a duplicate). It must validate before mutating:
   * if it throws, or the write fails, the in-memory copy is dropped and re-read from disk.
   */
  async mutate<R>(change: (data: StoreData) => { result: R; write: boolean }): Promise<R> {
    await mkdir(dirname(this.path), { recursive: true }).catch((error: unknown) => {
      throw ioError(`create memory folder ${dirname(this.path)}`, error);
    });
    return withStoreLock(
      this.path,
      async () => {
        await this.refresh();
        if (this.db.data.schemaVersion > STORE_SCHEMA_VERSION) throw this.tooNew();
        try {
          const { result, write } = change(this.db.data);
          if (write) {
            if (this.options.project) this.db.data.project = this.options.project;
            await this.db.write();
            this.signature = await this.currentSignature();
          }
          return result;
        } catch (error) {
          this.signature = undefined;
          this.db.data = emptyStore();
          throw error instanceof MemoryError ? error : this.writeFailure(error);
        }
      },
      this.options.lock,
    );
  }

  private async refresh(): Promise<void> {
    const signature = await this.currentSignature();
    if (signature !== undefined && signature === this.signature) return;
    try {
      await this.db.read();
    } catch (error) {
      this.signature = undefined;
      if (error instanceof StoreUnreadableError) throw await this.corrupt(error);
      throw this.readFailure(error);
    }
    this.db.data ??= emptyStore();
    this.signature = signature;
  }

  private async currentSignature(): Promise<FileSignature | undefined> {
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
    const kept = copy ? `A byte-identical copy was kept at ${copy}. ` : '';
    return new MemoryError(
      'store_corrupt',
      `Memory store ${this.path} cannot be read: ${error.message}. It was not changed and will not be overwritten. ${kept}` +
        'Fix the file (see README "Recovering a damaged store") or move it aside to start a new store, then retry.',
    );
  }

  private tooNew(): MemoryError {
    return new MemoryError(
      'store_too_new',
      `Memory store ${this.path} has schemaVersion ${this.db.data.schemaVersion}, newer than this server understands (${STORE_SCHEMA_VERSION}). ` +
        'It was not changed: upgrade data-engineer-mcp to write to it.',
    );
  }

  private readFailure(error: unknown): MemoryError {
    return ioError(`read memory store ${this.path}`, error);
  }

  private writeFailure(error: unknown): MemoryError {
    return ioError(`write memory store ${this.path}`, error);
  }
}

const IO_ADVICE: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space',
  EDQUOT: 'the disk quota is used up; free some space',
  EACCES: 'permission denied; make the memory folder writable or set DATA_ENGINEER_MEMORY_DIR',
  EPERM: 'permission denied; make the memory folder writable or set DATA_ENGINEER_MEMORY_DIR',
  EROFS: 'the file system is read-only; set DATA_ENGINEER_MEMORY_DIR to a writable folder',
  ENOTDIR: 'a file stands where the memory folder should be; move it or set DATA_ENGINEER_MEMORY_DIR',
  EISDIR: 'a folder stands where the store file should be; move it aside',
};

export function ioError(action: string, error: unknown): MemoryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const advice = IO_ADVICE[code] ?? (error as Error).message;
  return new MemoryError('store_unavailable', `Could not ${action} (${code}: ${advice}). Nothing was changed; fix that, then retry.`);
}
