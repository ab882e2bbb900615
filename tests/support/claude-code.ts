import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The real Claude Code CLI, pinned. It is ~235 MB installed, so it is no dependency of the
 * package (not even a devDependency every `npm ci` would fetch): the end-to-end test installs it
 * once into a cache folder outside the checkout and reuses it (CI gets it the same way).
 */
export const CLAUDE_CODE_VERSION = '2.1.197';
const CACHE_DIR = join(homedir(), '.cache', 'data-engineer-mcp', `claude-code-${CLAUDE_CODE_VERSION}`);
const BIN = join(CACHE_DIR, 'node_modules', '.bin', process.platform === 'win32' ? 'claude.cmd' : 'claude');

export async function installClaudeCode(): Promise<string> {
  if (existsSync(BIN)) return BIN;
  mkdirSync(CACHE_DIR, { recursive: true });
  await promisify(execFile)(
    'npm',
    ['install', '--prefix', CACHE_DIR, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}`],
    { timeout: 10 * 60_000, shell: process.platform === 'win32' },
  );
  if (!existsSync(BIN)) throw new Error(`npm installed @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION} into ${CACHE_DIR} but ${BIN} is missing`);
  return BIN;
}

export interface ClaudeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end (bounded) without blocking the event loop: the scripted model lives in this process. */
export function runClaude(bin: string, args: readonly string[], options: { env: Record<string, string>; cwd: string; timeoutMs?: number }): Promise<ClaudeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The `result` line of `--output-format json`. */
export function resultOf(run: ClaudeRun): { result: string; session_id: string; is_error: boolean } {
  try {
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as { result: string; session_id: string; is_error: boolean };
  } catch {
    throw new Error(`claude printed no JSON result (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** The one-line messages hooks showed the user, as Claude Code keeps them in the session's transcript. */
export function hookMessages(home: string, sessionId: string): string[] {
  const projects = join(home, '.claude', 'projects');
  const messages: string[] = [];
  for (const folder of readdirSync(projects)) {
    const file = join(projects, folder, `${sessionId}.jsonl`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('hook_system_message')) continue;
      const entry = JSON.parse(line) as { attachment?: { type?: string; content?: string } };
      if (entry.attachment?.type === 'hook_system_message' && entry.attachment.content) messages.push(entry.attachment.content);
    }
  }
  return messages;
}
