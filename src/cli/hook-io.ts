// What every hook process does first, apart from the hooks themselves, so the hooks' fast path
// (src/hooks-fast.ts) can do it without loading them.
import { writeSync } from 'node:fs';
import type { HookName } from '../claude-code/hook-names.js';
import { exitWith } from './output.js';

/** Claude Code writes the input and closes stdin; this bounds a caller that never does. */
const STDIN_WAIT_MS = 2_000;
const STDIN_MAX_BYTES = 16 * 1024 * 1024;

/** DATA_ENGINEER_HOOKS_OFF="recall,context" (e.g. in Claude Code's settings.json "env") turns those hooks off. */
export function turnedOff(name: HookName, setting: string | undefined): boolean {
  return (setting ?? '').split(/[\s,]+/u).includes(name);
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((done) => {
    const timer = setTimeout(done, STDIN_WAIT_MS);
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= STDIN_MAX_BYTES) chunks.push(chunk);
    });
    process.stdin.on('end', () => {
      clearTimeout(timer);
      done();
    });
    process.stdin.on('error', () => done());
  });
  process.stdin.pause();
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes a hook's answer straight to fd 1 and exits: process.stdout (a pipe stream, made on first
 * use) and a turn of the loop to learn it flushed cost a capture ~1-2 ms before its exit. The hook
 * has done all its work (the store written and synced) before its answer is made. Should the pipe
 * refuse a blocking write (EAGAIN) part-way, the stream takes the rest and is waited for.
 */
export async function answerAndExit(json: string): Promise<never> {
  const bytes = Buffer.from(`${json}\n`, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch {
    process.stdout.write(bytes.subarray(written));
    return exitWith(0);
  }
  process.exit(0);
}
