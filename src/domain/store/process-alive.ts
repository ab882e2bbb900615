import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Whether a process id is alive (EPERM: it exists but belongs to someone else). A zombie — a
 * process killed but not yet reaped, for good where nothing reaps orphans (a container without
 * an init) — still answers signal 0, yet holds nothing any more: it counts as gone.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  const state = stat?.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

let ownNamespace: string | undefined | null = null;

/**
 * This process's PID namespace (Linux: the target of /proc/self/ns/pid, e.g. `pid:[4026531836]`),
 * undefined elsewhere. A pid names a process only inside its namespace: a container sharing the
 * host's memory folder sees the host's pids as other processes or none.
 */
export function pidNamespaceHere(): string | undefined {
  if (ownNamespace === null) {
    try {
      ownNamespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      ownNamespace = undefined;
    }
  }
  return ownNamespace;
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
