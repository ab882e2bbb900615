import lockfile from 'proper-lockfile';
import { MemoryError } from '../errors.js';

/**
 * Several client sessions (two Claude Code terminals, Claude Desktop beside them) run their own
 * server process on one store, so every read-modify-write holds an inter-process lock.
 * proper-lockfile uses an atomic mkdir of `<store>.lock` and refreshes its mtime while held;
 * a lock whose owner was killed stops being refreshed and is taken over once STALE_MS old, so a
 * live lock is never broken and a dead one costs a few seconds at most.
 */
const STALE_MS = 5_000;
const UPDATE_MS = 1_000;
/** Long enough to outlast a stale lock plus a queue of writers; short enough that a stuck call still answers. */
const RETRIES = { retries: 300, factor: 1.3, minTimeout: 2, maxTimeout: 60, randomize: true };

export interface LockOptions {
  /** Told once when the lock was not free at the first try, for a warning log. */
  onWait?: () => void;
  /** Told if the lock was taken from us (e.g. the process was frozen past STALE_MS). */
  onCompromised?: (error: Error) => void;
}

export async function withStoreLock<T>(storePath: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const settings = {
    realpath: false,
    stale: STALE_MS,
    update: UPDATE_MS,
    // The default throws from a timer, which would kill the server; report instead.
    onCompromised: (error: Error) => options.onCompromised?.(error),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(storePath, { ...settings, retries: 0 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw lockFailure(storePath, error);
    options.onWait?.();
    try {
      release = await lockfile.lock(storePath, { ...settings, retries: RETRIES });
    } catch (retryError) {
      throw lockFailure(storePath, retryError);
    }
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

function lockFailure(storePath: string, error: unknown): MemoryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const reason =
    code === 'ELOCKED'
      ? 'another server process has held it for too long'
      : `${code}: ${(error as Error).message}`;
  return new MemoryError(
    'store_unavailable',
    `Could not lock memory store ${storePath} (${reason}). Nothing was written; retry in a moment, and check that the memory folder is writable.`,
  );
}
