import { link, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/**
 * Who holds `<store>.lock`, and taking it over only from a holder that is certainly gone.
 *
 * proper-lockfile takes a lock over by age with rmdir + mkdir, which is not atomic: two waiters
 * that both saw the same stale lock could both "win", the second deleting the first's fresh
 * lock, and a holder that was merely frozen (swap, SIGSTOP, a debugger) past the age would
 * find its lock given away. Both lost acknowledged writes in stress runs. So its age-based
 * takeover is switched off (see store-lock.ts) and replaced here:
 * - the holder writes `owner` (pid@host) into the lock folder;
 * - a lock is dead when its owner on this host is not running, or, for a lock with no owner
 *   file or one from another host, when its mtime (refreshed every second by the holder) is
 *   older than STALE_MS;
 * - of all the waiters that see the same dead lock, only the one that creates
 *   `<store>.lock.takeover-<inode>` removes it, after checking again that it is still that
 *   same dead lock. The others simply try to lock again.
 */
export const STALE_MS = 5_000;

const ownerFile = (lockDir: string) => join(lockDir, 'owner');
const thisOwner = () => `${process.pid}@${hostname()}`;

/** Lock folders this process holds right now (see isLiveHolder). */
const heldHere = new Set<string>();

/**
 * A pid can be reused: after a container restart the dead holder's pid may be this very
 * process (or pid 1). Our own pid on a lock we do not hold is therefore a dead holder's.
 */
function isLiveHolder(pid: number, lockDir: string): boolean {
  if (pid === process.pid) return heldHere.has(lockDir);
  return isProcessAlive(pid);
}

export function writeOwner(lockDir: string): Promise<void> {
  // 'wx': if another waiter took this folder over while we were between mkdir and here, its
  // owner record is already there and the lock is not ours.
  return keepingFolderTimes(lockDir, async () => {
    await writeFile(ownerFile(lockDir), `${thisOwner()}\n`, { flag: 'wx' });
    heldHere.add(lockDir);
  });
}

/** Before releasing: proper-lockfile removes the folder with rmdir, which needs it empty. */
export function removeOwner(lockDir: string): Promise<void> {
  heldHere.delete(lockDir);
  return keepingFolderTimes(lockDir, () => rm(ownerFile(lockDir), { force: true }));
}

/**
 * Adding or removing a file changes the folder's mtime, and proper-lockfile's refresh treats
 * an mtime it did not set as its lock being taken: it would call the lock compromised and
 * never remove the folder. So the folder's times are put back as they were.
 */
async function keepingFolderTimes(lockDir: string, change: () => Promise<void>): Promise<void> {
  const before = await stat(lockDir);
  await change();
  await utimes(lockDir, before.atime, before.mtime);
}

async function isDead(lockDir: string, isMarker = false): Promise<{ dead: boolean; ino?: number }> {
  const info = await stat(lockDir).catch(() => undefined);
  if (!info) return { dead: !isMarker };
  const owner = (await readFile(isMarker ? lockDir : ownerFile(lockDir), 'utf8').catch(() => '')).trim();
  const [pid, host] = owner.split('@');
  if (owner && host === hostname()) return { dead: !isLiveHolder(Number(pid), lockDir), ino: info.ino };
  return { dead: Date.now() - info.mtimeMs > STALE_MS, ino: info.ino };
}

/** Removes `lockDir` if its holder is gone and no other waiter is doing so; true when it is free now. */
export async function takeOverIfDead(lockDir: string): Promise<boolean> {
  const seen = await isDead(lockDir);
  if (!seen.dead) return false;
  if (seen.ino === undefined) return true;
  const marker = `${lockDir}.takeover-${seen.ino}`;
  const claim = `${marker}.${process.pid}`;
  try {
    // The marker is born with its owner (link is atomic and fails if it exists).
    await writeFile(claim, `${thisOwner()}\n`);
    await link(claim, marker);
  } catch {
    // Another waiter is taking it over. Its marker is only in the way if that waiter died too.
    if ((await isDead(marker, true)).dead) await rm(marker, { recursive: true, force: true });
    return false;
  } finally {
    await rm(claim, { force: true });
  }
  try {
    const again = await isDead(lockDir);
    // The same folder (an inode can be reused by the next lock) and still dead: remove it.
    if (again.dead && again.ino === seen.ino) await rm(lockDir, { recursive: true, force: true });
  } finally {
    await rm(marker, { recursive: true, force: true });
  }
  return true;
}
