import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * `mkdir -p` that fails with the real reason. Node's recursive mkdir answers ENOENT when a
 * missing folder cannot be made for another reason (EROFS on a read-only file system): after the
 * failed mkdir it stats the folder and returns that error. The advice for ENOENT points the wrong
 * way, so on ENOENT the missing folders are made one at a time, top down, and the first refusal
 * is the error.
 */
export async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const missing: string[] = [];
  for (let at = dir; !(await exists(at)); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      // Made meanwhile by another process: fine.
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

const exists = (path: string): Promise<boolean> => stat(path).then(
  () => true,
  () => false,
);
