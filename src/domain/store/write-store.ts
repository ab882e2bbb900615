import { randomBytes } from 'node:crypto';
import type { Low } from 'lowdb';
import type { Memory } from '../memory.js';
import { type FileVersion, statOf } from './file-version.js';
import { type StoreData, writeIdOf } from './store-file.js';
import type { StoreFileAdapter } from './store-file-adapter.js';

/**
 * How a changed store reaches the disk. An add (a change that only put memories at the end,
 * `appended`) writes just its own bytes in place; anything else, or a file that cannot take an
 * append, is rewritten whole through lowdb (temp file, fsync, rename) with a fresh writeId.
 * `stillAsRead` runs right before the file is touched and throws if another process wrote since
 * the data was read. Returns the version now on disk, or undefined when the file appended to was
 * replaced meanwhile (the change must then be redone on the new file).
 */
export async function writeStore(
  path: string,
  db: Low<StoreData>,
  file: StoreFileAdapter,
  appended: readonly Memory[] | undefined,
  stillAsRead: () => Promise<void>,
): Promise<FileVersion | undefined> {
  const data = db.data;
  const appendedTo = appended && (await file.append(appended, stillAsRead));
  if (appendedTo !== undefined) return appendedTo === (await statOf(path)) ? { stat: appendedTo, writeId: writeIdOf(data) } : undefined;
  data.writeId = randomBytes(9).toString('base64url');
  file.beforeReplace = stillAsRead;
  try {
    await db.write();
  } finally {
    file.beforeReplace = undefined;
  }
  return { stat: await statOf(path), writeId: data.writeId };
}
