import { randomBytes } from 'node:crypto';
import type { Low } from 'lowdb';
import { MemoryError } from '../errors.js';
import type { Memory } from '../memory.js';
import type { Appendability } from './append-only.js';
import { type FileVersion, statOf } from './file-version.js';
import { recordLastWrite } from './last-write.js';
import { StoreLockLost, storeKeptChanging, writeFailure } from './store-errors.js';
import { stillHoldsStoreLock } from './store-lock.js';
import { type StoreData, writeIdOf } from './store-file.js';
import type { StoreFileAdapter } from './store-file-adapter.js';
import { type WrittenLines, reusableLines } from './written-lines.js';

/** The file a StoreCopy writes: lowdb over our adapter, and how to tell the file's version now. */
export interface WriteTarget {
  readonly path: string;
  readonly file: StoreFileAdapter;
  readonly db: Low<StoreData>;
  unchangedSince(version: FileVersion): Promise<boolean>;
}

/** What the file is once a change is on it, to install with the data; `changed`: another process wrote first. */
/**
 * `appended`: the memories an append wrote (undefined after a rewrite). `lines`: where each line
 * of a rewritten file is (undefined after an append).
 */
export type Written = { version: FileVersion; appendability: Appendability; appended: readonly Memory[] | undefined; lines: WrittenLines | undefined } | 'changed';

/**
 * The one place a change reaches the disk. `append` (memories a change only put at the end)
 * writes just their bytes in place; otherwise the store is rewritten whole through lowdb (temp
 * file, fsync, rename) with a fresh writeId. Right before the file is touched it checks that the
 * lock is still ours and the file still `readVersion`; the lock is only ever taken from holders
 * that are gone or stopped refreshing it (lock-takeover.ts), so this is a second line of defence,
 * and best effort: a check then a rename is not atomic. Each write is recorded as the store's last
 * (last-write.ts).
 * Throws the failure as a MemoryError; the caller then drops its data, as after `changed`.
 */
export async function writeChange(target: WriteTarget, readVersion: FileVersion, append: readonly Memory[] | undefined, known: WrittenLines | undefined): Promise<Written> {
  const { path, file, db } = target;
  let changedUnderUs = false;
  const stillAsRead = async () => {
    // Taken over while this process was stalled: a retry would write beside the new holder.
    if (!stillHoldsStoreLock(path)) throw new StoreLockLost(path);
    if (await target.unchangedSince(readVersion)) return;
    changedUnderUs = true;
    throw storeKeptChanging(path);
  };
  const data = db.data;
  try {
    const appendedTo = append && (await file.append(append, stillAsRead));
    if (appendedTo !== undefined) {
      // Replaced between the append and this stat: the change must be redone on the new file.
      if (appendedTo !== (await statOf(path))) return 'changed';
      recordLastWrite(path, appendedTo);
      return { version: { stat: appendedTo, writeId: writeIdOf(data) }, appendability: { kind: 'ours' }, appended: append, lines: undefined };
    }
    data.writeId = randomBytes(9).toString('base64url');
    let lines: WrittenLines | undefined;
    // The unchanged first lines are copied from the file being replaced, which is still the
    // version read (checked again before the rename), so the bytes are the ones written.
    file.rewrite = { beforeReplace: stillAsRead, reuse: reusableLines(path, known, data.memories), wrote: (written) => (lines = written) };
    try {
      await db.write();
    } finally {
      file.rewrite = undefined;
    }
    const written = await statOf(path);
    recordLastWrite(path, written);
    const appendability: Appendability = data.memories.length > 0 ? { kind: 'ours' } : { kind: 'rewrite' };
    return { version: { stat: written, writeId: data.writeId }, appendability, appended: undefined, lines };
  } catch (error) {
    if (changedUnderUs) return 'changed';
    throw error instanceof MemoryError ? error : writeFailure(path, error);
  }
}
