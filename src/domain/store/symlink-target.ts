import { lstat, readlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** More links in a row than this is a loop (Linux gives up at 40). */
const MAX_LINKS = 40;

/**
 * The file a store path names once symbolic links are followed, whether or not it exists yet: a
 * store kept as a link into a synced folder is written there. Replacing the link itself (a
 * rename over it) would leave the target silently behind, no longer receiving changes.
 */
export async function symlinkTarget(path: string): Promise<string> {
  let current = path;
  for (let links = 0; links < MAX_LINKS; links++) {
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`too many symbolic links from ${path}`), { code: 'ELOOP' });
}
