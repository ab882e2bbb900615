import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { ENTRY } from './server-process.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built bin once, as a person would from a shell, with exactly the env given (plus PATH
 * and HOME) so no variable of the test runner's leaks into the choice of project or folder.
 */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; input?: string; entry?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [options.entry ?? ENTRY, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...options.env },
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
