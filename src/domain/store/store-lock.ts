import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryError } from '../errors.js';
import { removeOwner, stillOwned, takeOverIfDead, writeOwner } from './lock-takeover.js';

/**
 * Several client sessions (two Claude Code terminals, Claude Desktop beside them) run their own
 * server process on one store, so every read-modify-write holds an inter-process lock.
 * proper-lockfile makes `<store>.lock` with an atomic mkdir and refreshes its mtime while held.
 * Its own takeover of old locks is switched off (a stale age no lock reaches): a dead holder's
 * lock is taken over by lock-takeover.ts, by exactly one waiter and never from a live holder.
 */
const NEVER_STALE_MS = 2 ** 31 - 1;
const UPDATE_MS = 1_000;
/**
 * Retried here rather than by proper-lockfile so that a shutting-down process stops waiting at
 * once. 300 tries at 2 ms growing to 60 ms outlast a stale lock plus a queue of writers (~18 s),
 * and are short enough that a stuck call still answers.
 */
const MAX_TRIES = 300;
/** An ENOENT that keeps coming back is a missing folder, not a race: report it. */
const MAX_VANISHED = 10;
const retryDelay = (attempt: number): number => Math.min(60, (1 + Math.random()) * 2 * 1.3 ** attempt);

export interface LockOptions {
  /** Told once when the lock was not free at the first try, for a warning log. */
  onWait?: () => void;
  /** Told if proper-lockfile finds our lock folder changed by someone else while we hold it. */
  onCompromised?: (error: Error) => void;
  /** Tries before giving up on a busy lock (1: only if it is free now). */
  maxTries?: number;
}

/**
 * Locks held or being taken by this process. Process-wide on purpose, like proper-lockfile's
 * own table: exiting while one of them is between its mkdir and its rmdir would leave a
 * `<store>.lock` that every other process then waits out (see drainStoreLocks).
 */
const inFlight = new Set<Promise<unknown>>();
let draining = false;

export async function withStoreLock<T>(storePath: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  if (draining) throw shuttingDown(storePath);
  const run = lockAndRun(storePath, work, options);
  inFlight.add(run);
  try {
    return await run;
  } finally {
    inFlight.delete(run);
  }
}

/**
 * For shutdown, before process.exit(): new lock requests are refused, waiting ones give up at
 * their next try, and held ones finish their write and release (for at most `timeoutMs`).
 */
export async function drainStoreLocks(timeoutMs: number): Promise<void> {
  draining = true;
  await Promise.race([Promise.allSettled([...inFlight]), sleep(timeoutMs, undefined, { ref: false })]);
}

async function lockAndRun<T>(storePath: string, work: () => Promise<T>, options: LockOptions): Promise<T> {
  const release = await acquire(storePath, options);
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

async function acquire(storePath: string, options: LockOptions): Promise<() => Promise<void>> {
  const settings = {
    realpath: false,
    stale: NEVER_STALE_MS,
    update: UPDATE_MS,
    retries: 0,
    // The default throws from a timer, which would kill the server; report instead.
    onCompromised: (error: Error) => options.onCompromised?.(error),
  };
  // Loaded on the first lock: proper-lockfile patches fs (graceful-fs) and hooks process exit
  // (signal-exit) as it loads, ~10 ms that a process which only reads never needs (a Claude Code
  // hook starts a process per event; see src/hooks.ts).
  const { default: lockfile } = await import('proper-lockfile');
  const lockDir = `${storePath}.lock`;
  let vanished = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(storePath, settings);
      await writeOwner(lockDir).catch(async (error: unknown) => {
        await release().catch(() => undefined);
        throw error;
      });
      return async () => {
        // Taken over while we were stalled: the folder is the new holder's, never ours to remove.
        if (await removeOwner(lockDir)) await release();
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOENT: the lock folder we just made vanished before proper-lockfile finished setting it
      // up (a takeover racing ours); it is simply not ours yet, so try again like a busy lock.
      const busy = code === 'ELOCKED' || code === 'EEXIST' || (code === 'ENOENT' && ++vanished <= MAX_VANISHED);
      if (!busy) throw lockFailure(storePath, error);
      if (code === 'ELOCKED' && (await takeOverIfDead(lockDir))) continue;
      if (attempt + 1 >= (options.maxTries ?? MAX_TRIES)) throw lockFailure(storePath, error);
      if (attempt === 0) options.onWait?.();
      if (draining) throw shuttingDown(storePath);
      await sleep(retryDelay(attempt));
    }
  }
}

/** Whether this process still holds the lock of `storePath` it took (see stillOwned); asked right before a write touches the store. */
export const stillHoldsStoreLock = (storePath: string): boolean => stillOwned(`${storePath}.lock`);

function shuttingDown(storePath: string): MemoryError {
  return new MemoryError('store_unavailable', `The server is shutting down; nothing was written to ${storePath}. Retry with a running server.`);
}

function lockFailure(storePath: string, error: unknown): MemoryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const reason =
    code === 'ELOCKED'
      ? `another server process has held it for too long; if no data-engineer-mcp is running, remove ${storePath}.lock`
      : `${code}: ${(error as Error).message}`;
  return new MemoryError(
    'store_unavailable',
    `Could not lock memory store ${storePath} (${reason}). Nothing was written; retry in a moment, and check that the memory folder is writable.`,
  );
}
