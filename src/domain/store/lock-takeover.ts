import type { Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, rm, rmdir, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive, pidNamespaceHere, processStartOf } from './process-alive.js';

/**
 * Who holds `<store>.lock`, and taking it over only from a holder that is gone.
 *
 * proper-lockfile takes a lock over by age with rmdir + mkdir, which is not atomic: two waiters
 * that both saw the same stale lock could both "win", the second deleting the first's fresh
 * lock. That lost acknowledged writes in stress runs, so its age-based takeover is switched off
 * (see store-lock.ts) and replaced here:
 * - the holder writes `owner` into the lock folder: `pid@host`, then the process's start
 *   (processStartOf) and its PID namespace on lines of their own where the platform can tell
 *   them. A pid names a process only inside one namespace: a container sharing the host's
 *   hostname and memory folder sees the host's pids as other processes or none, so a holder in
 *   another namespace is judged as one on another host; last a random token (see ownersHere);
 * - the holder's proper-lockfile refreshes the folder's mtime every second;
 * - a lock is dead when (see holderIsGone) its owner on this host is not running, or its pid now
 *   belongs to a process that started at another time (pid reuse); when it has not been
 *   refreshed for STALE_MS and nothing proves its pid is still the process that took it (another
 *   host, an owner record without a start, a platform without /proc); or when it has no owner
 *   record OWNERLESS_STALE_MS after it was made (its maker died between mkdir and the write);
 * - a holder proven to be the very process that took the lock is never taken from, however long
 *   it holds it: it may be frozen (SIGSTOP, swap, a debugger) in the middle of a write;
 * - of all the waiters that see the same dead lock, only the one that creates
 *   `<store>.lock.takeover-<inode>` removes it, after checking again that it is still that
 *   same dead lock. The others simply try to lock again.
 */
export const STALE_MS = 5_000;
/**
 * A live holder writes its owner record milliseconds after its mkdir, so a lock still without
 * one after this long was left by a process killed in between (about 1 kill -9 in 7 in a stress
 * run). Measured on the folder's ctime, which the kernel sets (mkdir, each refresh, the owner
 * write) and which, unlike the mtime proper-lockfile sets up to a second ahead, cannot be in
 * the future.
 */
export const OWNERLESS_STALE_MS = 500;

interface Holder {
  pid: number;
  host: string;
  /** processStartOf(pid) when the record was written; undefined if it could not be told. */
  started: string | undefined;
  /** The holder's PID namespace; undefined in records of older versions or where it cannot be told. */
  pidNamespace: string | undefined;
}

const ownerFile = (lockDir: string) => join(lockDir, 'owner');

function ownerRecord(): string {
  const started = processStartOf(process.pid);
  const namespace = pidNamespaceHere();
  const token = randomBytes(6).toString('hex');
  return `${process.pid}@${hostname()}\n${started === undefined ? '' : `started ${started}\n`}${namespace === undefined ? '' : `pidns ${namespace}\n`}token ${token}\n`;
}

function parseOwner(text: string): Holder | undefined {
  const [first = '', ...rest] = text.split('\n').map((line) => line.trim());
  const [pid, host] = first.split('@');
  if (!pid || !host || !/^\d+$/u.test(pid)) return undefined;
  const field = (name: string) => rest.map((line) => new RegExp(`^${name} (\\S+)$`, 'u').exec(line)?.[1]).find((value) => value !== undefined);
  return { pid: Number(pid), host, started: field('started'), pidNamespace: field('pidns') };
}

/** Lock folders and takeover markers this process holds right now (see isLiveHolder). */
const heldHere = new Set<string>();

/**
 * The owner record this process linked into each lock folder it holds, token and all. A holder
 * judged by its refresh (another host or PID namespace, no start on record) that stalls past
 * STALE_MS is taken over; once it runs again, the record in the folder is the new holder's. The
 * token tells the two apart even when both are this process (two stores on one path) and the new
 * record got the old one's inode.
 */
const ownersHere = new Map<string, string>();

/**
 * A pid can be reused: after a container restart the dead holder's pid may be this very
 * process (or pid 1). Our own pid on a lock we do not hold is therefore a dead holder's.
 */
function isLiveHolder(pid: number, path: string): boolean {
  if (pid === process.pid) return heldHere.has(path);
  return isProcessAlive(pid);
}

/** `<store>.<pid>.<random>.tmp`, as a store's temp files are named (removeOrphanTempFiles sweeps a dead process's). */
const draftPathFor = (lockDir: string): string => `${lockDir.replace(/\.lock$/u, '')}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

export function writeOwner(lockDir: string): Promise<void> {
  // The record is written beside the folder, then linked in: `owner` appears whole or not at
  // all (a file created empty and filled later looks owner-less, and could be taken over from
  // a live holder stalled in between). link fails if another waiter took this folder over while
  // we were between mkdir and here: EEXIST (its owner record is there) or ENOENT (it is gone).
  // The draft is named like a store temp file, so a killed writer's one is swept.
  const draft = draftPathFor(lockDir);
  return keepingFolderTimes(lockDir, async () => {
    const record = ownerRecord();
    try {
      // Inside the try: a full disk fails writeFile after it made the file, which must not stay.
      await writeFile(draft, record);
      await link(draft, ownerFile(lockDir));
      ownersHere.set(lockDir, record);
    } finally {
      await rm(draft, { force: true });
    }
    heldHere.add(lockDir);
  });
}

/**
 * Whether the lock folder still holds this process's own owner record: false once another
 * process took the lock over (see ownersHere). Checked right before the store file is touched;
 * a check then a write is not atomic, but a holder taken over while stalled then stops at its
 * next write instead of writing on beside the new holder.
 */
export function stillOwned(lockDir: string): boolean {
  const ours = ownersHere.get(lockDir);
  if (ours === undefined) return false;
  try {
    // Blocking, like the store's version check: a read of a few bytes, right before a write.
    return readFileSync(ownerFile(lockDir), 'utf8') === ours;
  } catch {
    return false;
  }
}

/**
 * Before releasing: proper-lockfile removes the folder with rmdir, which needs it empty. Only our
 * own record is removed: after a takeover the record there is the new holder's, and removing it
 * would leave that holder's lock owner-less (taken from it 0.5 s later) or let our rmdir remove
 * it. false when the lock was not ours any more (the caller must then not rmdir it either).
 */
export async function removeOwner(lockDir: string): Promise<boolean> {
  const ours = stillOwned(lockDir);
  heldHere.delete(lockDir);
  ownersHere.delete(lockDir);
  if (ours) await keepingFolderTimes(lockDir, () => rm(ownerFile(lockDir), { force: true }));
  return ours;
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

/**
 * Whether the holder a lock folder or takeover marker (at `path`) names is gone; see the rules
 * above.
 */
function holderIsGone(holder: Holder | undefined, info: Stats, path: string): boolean {
  if (holder === undefined) return Date.now() - kernelTimeMs(info) > OWNERLESS_STALE_MS;
  const unrefreshed = Date.now() - info.mtimeMs > STALE_MS;
  if (holder.host !== hostname()) return unrefreshed;
  if (holder.pidNamespace !== undefined && holder.pidNamespace !== pidNamespaceHere()) return unrefreshed;
  if (!isLiveHolder(holder.pid, path)) return true;
  const startedNow = processStartOf(holder.pid);
  // The pid's process now is known: the holder's own (alive, perhaps frozen) or another one.
  if (holder.started !== undefined && startedNow !== undefined) return startedNow !== holder.started;
  return unrefreshed;
}

/**
 * The ctime, at its latest: a file system that keeps whole seconds (ext3, HFS+) rounds it down,
 * which would make a lock made a moment ago look up to a second old.
 */
const kernelTimeMs = (info: Stats): number => (info.ctimeMs % 1000 === 0 ? info.ctimeMs + 999 : info.ctimeMs);

/** The lock folder's state: gone (free now), or there with its inode and whether its holder is gone. */
async function lockState(lockDir: string): Promise<{ exists: false } | { exists: true; dead: boolean; ino: number; ownerless: boolean }> {
  const info = await stat(lockDir).catch(() => undefined);
  if (!info) return { exists: false };
  const text = await readFile(ownerFile(lockDir), 'utf8').catch(() => undefined);
  const holder = parseOwner(text ?? '');
  // An owner file we cannot read as one (left by an older version killed while writing it): judged
  // by the refresh, like a holder nothing proves alive.
  if (text !== undefined && holder === undefined) return { exists: true, dead: Date.now() - info.mtimeMs > STALE_MS, ino: info.ino, ownerless: false };
  return { exists: true, dead: holderIsGone(holder, info, lockDir), ino: info.ino, ownerless: text === undefined };
}

/** Whether a takeover marker's maker is gone (a marker no longer there is no one's to remove). */
async function markerIsDead(marker: string): Promise<boolean> {
  const info = await stat(marker).catch(() => undefined);
  if (!info) return false;
  // A marker is born with its owner record (see takeOverIfDead); an unreadable one is judged by age.
  const holder = parseOwner(await readFile(marker, 'utf8').catch(() => ''));
  return holder === undefined ? Date.now() - info.mtimeMs > STALE_MS : holderIsGone(holder, info, marker);
}

/** Removes `lockDir` if its holder is gone and no other waiter is doing so; true when it is free now. */
export async function takeOverIfDead(lockDir: string): Promise<boolean> {
  const seen = await lockState(lockDir);
  if (!seen.exists) return true;
  if (!seen.dead) return false;
  const marker = `${lockDir}.takeover-${seen.ino}`;
  // Named like a store temp file, as the owner record's draft is: a waiter killed before it
  // removed its claim leaves one that the sweep of temp files removes.
  const claim = draftPathFor(lockDir);
  try {
    // The marker is born with its owner (link is atomic and fails if it exists).
    await writeFile(claim, ownerRecord());
    heldHere.add(marker);
    await link(claim, marker);
  } catch {
    heldHere.delete(marker);
    // Another waiter is taking it over. Its marker is only in the way if that waiter died too.
    if (await markerIsDead(marker)) await rm(marker, { recursive: true, force: true });
    return false;
  } finally {
    await rm(claim, { force: true });
  }
  try {
    const again = await lockState(lockDir);
    // The same folder (an inode can be reused by the next lock) and still dead: remove it.
    if (again.exists && again.dead && again.ino === seen.ino) {
      // An owner-less folder's maker may be alive, only slow, and link its owner record in at any
      // moment (even after the check above): rmdir removes the folder only while it is still
      // empty, atomically. It fails (ENOTEMPTY) once the record is there: the lock is then held.
      if (again.ownerless) return await rmdir(lockDir).then(() => true, () => false);
      await rm(lockDir, { recursive: true, force: true });
    }
  } finally {
    await rm(marker, { recursive: true, force: true });
    heldHere.delete(marker);
  }
  return true;
}
