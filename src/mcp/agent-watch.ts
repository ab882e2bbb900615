import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from './tool-result.js';

/** Editors save in several steps (temp file, rename, chmod); reload once they are done. */
const SETTLE_MS = 100;

/**
 * Watches the agent folders and calls `onChange` after a burst of changes to *.md files.
 * Returns a function that stops watching. A folder that cannot be watched is logged, not fatal.
 */
export function watchAgentFolders(dirs: readonly string[], onChange: () => void, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, (_event, file) => {
        if (file !== null && !file.endsWith('.md')) return;
        clearTimeout(timer);
        timer = setTimeout(onChange, SETTLE_MS);
      });
      watcher.on('error', (error) => log('warning', `stopped watching agents folder ${dir}: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      log('warning', `cannot watch agents folder ${dir}: ${(error as Error).message}`);
    }
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
