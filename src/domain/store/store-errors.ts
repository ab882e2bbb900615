import { MemoryError } from '../errors.js';
import { STORE_SCHEMA_VERSION } from './store-file.js';
import type { StoreFlaw } from './store-records.js';

/**
 * What the store says when it cannot do its job: what happened, that nothing was lost, what to do.
 * Which flag or variable chose the memory folder is the surface's to say (memoryFolderNote).
 */

export function storeCorrupt(path: string, problem: string, copy: string | undefined): MemoryError {
  const kept = copy ? `A byte-identical copy was kept at ${copy}. ` : '';
  return new MemoryError(
    'store_corrupt',
    `Memory store ${path} cannot be read: ${problem}. It was not changed and will not be overwritten. ${kept}` +
      'Fix the file (see README "Recovering a damaged store") or move it aside to start a new store, then retry.',
  );
}

const FLAWS_NAMED = 10;

/** Ids are short base64url strings; anything else in that field (a pasted secret, a path) is not echoed back. */
const shownId = (id: string | undefined): string => (id !== undefined && /^[A-Za-z0-9_-]{1,40}$/u.test(id) ? ` (id "${id}")` : '');

function describeFlaw(flaw: StoreFlaw): string {
  const record = `record ${flaw.index + 1}`;
  if (flaw.kind === 'invalid') return `${record}${shownId(flaw.id)}: ${flaw.field}: ${flaw.rule}`;
  if (flaw.kind === 'duplicate_copy') return `${record}${shownId(flaw.id)}: an exact copy of an earlier record, served once`;
  return `${record}${shownId(flaw.id)}: a second memory with that id, served as "${flaw.renamedTo}"`;
}

/** Each flaw named (the first ten, then how many more), for memory_info and refused writes. */
export function describeFlaws(flaws: readonly StoreFlaw[]): string {
  const named = flaws.slice(0, FLAWS_NAMED).map(describeFlaw).join('; ');
  return flaws.length > FLAWS_NAMED ? `${named}; and ${flaws.length - FLAWS_NAMED} more` : named;
}

export function storeNeedsRepair(path: string, flaws: readonly StoreFlaw[]): MemoryError {
  return new MemoryError(
    'store_needs_repair',
    `Memory store ${path} has ${flaws.length} record(s) it cannot use as they are: ${describeFlaws(flaws)}. ` +
      'Reads show the other memories; nothing is written until the store is repaired (the repair_store tool, or `data-engineer-mcp repair`), ' +
      'which moves those records, unchanged, to a side file beside the store and rewrites it.',
  );
}

export function storeKeptChanging(path: string): MemoryError {
  return new MemoryError(
    'store_unavailable',
    `Memory store ${path} kept changing while this write was being made (another process is writing without the lock). Nothing was written; retry in a moment.`,
  );
}

/**
 * Thrown right before a write would touch the store when this process's lock was taken over
 * meanwhile (see stillOwned in lock-takeover.ts): nothing was written, so MemoryStore redoes the
 * change under a lock of its own. Reaches a caller only if that keeps happening.
 */
export class StoreLockLost extends MemoryError {
  constructor(path: string) {
    super(
      'store_unavailable',
      `The lock on memory store ${path} was taken over while this process was stalled (over 5 s without refreshing it), so this write was stopped before it touched the file. Nothing was written; retry.`,
    );
  }
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
  EACCES: 'permission denied; make the memory folder writable or choose another',
  EPERM: 'permission denied; make the memory folder writable or choose another',
  EROFS: 'the file system is read-only; choose a memory folder on a writable one',
  ENOTDIR: 'a file stands where the memory folder should be; move it or choose another memory folder',
  EISDIR: 'a folder stands where the store file should be; move it aside',
};

export const readFailure = (path: string, error: unknown): MemoryError => ioError(`read memory store ${path}`, error);
export const writeFailure = (path: string, error: unknown): MemoryError => ioError(`write memory store ${path}`, error);

export function ioError(action: string, error: unknown): MemoryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const advice = IO_ADVICE[code] ?? (error as Error).message;
  return new MemoryError('store_unavailable', `Could not ${action} (${code}: ${advice}). Nothing was changed; fix that, then retry.`);
}
