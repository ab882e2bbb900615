import { constants } from 'node:fs';
import { copyFile, readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Keeps a byte-identical copy of a store we cannot read, beside it, before anyone is tempted to
 * "fix" it. The original is never written by us while it stays unreadable; the copy is the
 * user's guarantee that even a later manual mistake cannot lose those bytes. One copy per
 * distinct content: asking again (every tool call, every restart) finds the existing twin.
 */
export async function quarantineCopy(storePath: string, now: Date): Promise<string> {
  const original = await readFile(storePath);
  const dir = dirname(storePath);
  const prefix = `${basename(storePath)}.corrupt-`;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix)) continue;
    const candidate = join(dir, name);
    const bytes = await readFile(candidate).catch(() => undefined);
    if (bytes?.equals(original)) return candidate;
  }
  const stamp = now.toISOString().replace(/[:.]/gu, '-');
  const copy = join(dir, `${prefix}${stamp}`);
  await copyFile(storePath, copy, constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
    // Another server process quarantined the same bytes in the same millisecond.
    if (error.code !== 'EEXIST') throw error;
  });
  return copy;
}

/** quarantineCopy, and `tell` where it is; undefined (never a throw) when no copy could be made. */
export async function keepCopyAside(storePath: string, now: Date, tell?: (storePath: string, copyPath: string) => void): Promise<string | undefined> {
  const copy = await quarantineCopy(storePath, now).catch(() => undefined);
  if (copy) tell?.(storePath, copy);
  return copy;
}
