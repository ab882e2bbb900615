import { mkdirSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` after any change to the store file, by this process or another: a watch on
 * its folder (inotify/FSEvents, no polling) sees both the rename of a rewrite and an append.
 * Throws when the folder cannot be watched; returns the unsubscribe.
 */
export function watchStoreFile(path: string, onChange: () => void, onError: (error: Error) => void): () => void {
  // The folder must exist to be watched; it is where the first write would create it anyway.
  mkdirSync(dirname(path), { recursive: true });
  const watcher = watch(dirname(path), (_event, file) => {
    if (file === null || file === basename(path)) onChange();
  });
  watcher.on('error', onError);
  return () => watcher.close();
}
