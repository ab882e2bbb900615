import { MemoryError } from '../errors.js';
import { STORE_SCHEMA_VERSION } from './store-file.js';

/** What the store says when it cannot do its job: what happened, that nothing was lost, what to do. */

export function storeCorrupt(path: string, problem: string, copy: string | undefined): MemoryError {
  const kept = copy ? `A byte-identical copy was kept at ${copy}. ` : '';
  return new MemoryError(
    'store_corrupt',
    `Memory store ${path} cannot be read: ${problem}. It was not changed and will not be overwritten. ${kept}` +
      'Fix the file (see README "Recovering a damaged store") or move it aside to start a new store, then retry.',
  );
}

export function storeKeptChanging(path: string): MemoryError {
  return new MemoryError(
    'store_unavailable',
    `Memory store ${path} kept changing while this write was being made (another process is writing without the lock). Nothing was written; retry in a moment.`,
  );
}

export function storeTooNew(path: string, schemaVersion: number): MemoryError {
  return new MemoryError(
    'store_too_new',
    `Memory store ${path} has schemaVersion ${schemaVersion}, newer than this server understands (${STORE_SCHEMA_VERSION}). ` +
      'It was not changed and is not damaged: upgrade data-engineer-mcp to write to it.',
  );
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

export const readFailure = (path: string, error: unknown): MemoryError => ioError(`read memory store ${path}`, error);
export const writeFailure = (path: string, error: unknown): MemoryError => ioError(`write memory store ${path}`, error);

export function ioError(action: string, error: unknown): MemoryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const advice = IO_ADVICE[code] ?? (error as Error).message;
  return new MemoryError('store_unavailable', `Could not ${action} (${code}: ${advice}). Nothing was changed; fix that, then retry.`);
}
