import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tempDir } from './server-process.js';

/**
 * A real small file system for a test (a full disk, a read-only one), as a tmpfs mounted on a
 * temp folder. Mounting needs root (CI's container has it); tests that need one are skipped
 * elsewhere, and name what they then leave unchecked.
 */
export function mountTmpfs(at: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function unmount(at: string): void {
  execFileSync('umount', [at], { stdio: 'ignore' });
}

/** Whether this process may mount a tmpfs (tried once, on a probe folder). */
export const canMountTmpfs: boolean = (() => {
  const probe = tempDir('dem-tmpfs-probe-');
  const mounted = mountTmpfs(probe, 'size=64k');
  if (mounted) unmount(probe);
  rmSync(probe, { recursive: true, force: true });
  return mounted;
})();
