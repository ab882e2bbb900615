import { constants } from 'node:fs';
import { copyFile, link, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { symlinkTarget } from './symlink-target.js';

/**
 * Keeps the bytes of a store we cannot take as it is, beside it (`<store>.corrupt-<timestamp>`),
 * before anyone is tempted to "fix" it. One copy per distinct content: asking again (every tool
 * call, every restart) finds the existing twin, so the same bytes are never kept twice. A copy
 * that fails part-way (a full disk) is removed, never left to eat the space a retry or the
 * repair needs.
 */

/**
 * For a store that is damaged: a copy of its own (a clone where the file system can), which the
 * original is never written by us while it stays unreadable, and which even a later manual
 * mistake in the original (an editor writing in place) cannot change.
 */
export const quarantineCopy = (storePath: string, now: Date): Promise<string> => keepAside(storePath, now, copyAside);

/**
 * For a store a crash left with an unfinished add, about to be rewritten without it by rename: a
 * second name for the file as found. It costs no space (the bytes stay where they are, no longer
 * under the store's name once it is rewritten), so a full disk that tore the add can still take
 * the repair once as much space as the store is free. Where links are refused, a copy.
 */
export const quarantineLink = (storePath: string, now: Date): Promise<string> => keepAside(storePath, now, linkAside);

async function keepAside(storePath: string, now: Date, place: (from: string, to: string) => Promise<void>): Promise<string> {
  // A link is followed: its target's bytes are kept (link() would name the link itself).
  const source = await symlinkTarget(storePath);
  const original = await readFile(source);
  const { ino, dev } = await stat(source);
  const dir = dirname(storePath);
  const prefix = `${basename(storePath)}.corrupt-`;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix)) continue;
    const candidate = join(dir, name);
    const info = await stat(candidate).catch(() => undefined);
    if (info?.ino === ino && info.dev === dev) return candidate;
    const bytes = info?.size === original.length ? await readFile(candidate).catch(() => undefined) : undefined;
    if (bytes?.equals(original)) return candidate;
  }
  const stamp = now.toISOString().replace(/[:.]/gu, '-');
  const copy = join(dir, `${prefix}${stamp}`);
  await place(source, copy).catch((error: NodeJS.ErrnoException) => {
    // Another server process quarantined the same bytes in the same millisecond.
    if (error.code !== 'EEXIST') throw error;
  });
  return copy;
}

async function linkAside(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    // A file system without hard links (FAT, some network shares).
    await copyAside(from, to);
  }
}

async function copyAside(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  } catch (error) {
    // EXCL: a file already there (EEXIST) is someone else's and stays; anything else we made is partial.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await unlink(to).catch(() => undefined);
    throw error;
  }
}

type Tell = (storePath: string, copyPath: string) => void;

/** quarantineCopy, and `tell` where it is; undefined (never a throw) when no copy could be made. */
export const keepCopyAside = (storePath: string, now: Date, tell?: Tell): Promise<string | undefined> => told(quarantineCopy(storePath, now), storePath, tell);

/** quarantineLink, and `tell` where it is; undefined (never a throw) when nothing could be kept. */
export const keepTornFileAside = (storePath: string, now: Date, tell?: Tell): Promise<string | undefined> => told(quarantineLink(storePath, now), storePath, tell);

async function told(keeping: Promise<string>, storePath: string, tell: Tell | undefined): Promise<string | undefined> {
  const copy = await keeping.catch(() => undefined);
  if (copy) tell?.(storePath, copy);
  return copy;
}
