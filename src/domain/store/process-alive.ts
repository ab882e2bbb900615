import { readFileSync } from 'node:fs';

/** Whether a process id is alive (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let bootId: string | undefined | null = null;

/**
 * Which process holds a pid right now, beyond the number: the boot it started in and its start
 * time in clock ticks since that boot (fields of /proc/<pid>/stat; Linux only). A pid is reused
 * (after a container restart the dead holder's pid is soon another process), a start time in
 * the same boot is not. undefined where it cannot be told (no /proc: macOS, Windows).
 */
export function processStartOf(pid: number): string | undefined {
  if (bootId === null) bootId = readOrUndefined('/proc/sys/kernel/random/boot_id')?.trim();
  if (bootId === undefined) return undefined;
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields count from the
  // last ")"; starttime is field 22, the 20th after it.
  const ticks = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return ticks && /^\d+$/u.test(ticks) ? `${bootId}/${ticks}` : undefined;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
