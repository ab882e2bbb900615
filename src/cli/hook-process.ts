import type { HookOutput } from '../claude-code/hook-input.js';
import type { HookName } from '../claude-code/hook-names.js';
import { HOOK_LOCK_TRIES, defaultSessionDir, runHook } from '../claude-code/run-hook.js';
import type { Config } from '../config.js';
import { JsonStoreEngine } from '../domain/store/json-engine.js';
import type { PostgresOptions } from '../domain/store/postgres/connection.js';
import type { StoreEngine } from '../domain/store/store-port.js';

/** Claude Code writes the input and closes stdin; this bounds a caller that never does. */
const STDIN_WAIT_MS = 2_000;
const STDIN_MAX_BYTES = 16 * 1024 * 1024;

export interface HookProcess {
  /** The configuration from argv and the environment; throws what the user must fix. */
  configure: () => Config;
  env: NodeJS.ProcessEnv;
  err: (text: string) => void;
  /** The engine of a PostgreSQL store; absent where pg is not loaded (the lean hooks bundle hands such a store to the full CLI). */
  postgres?: (options: PostgresOptions) => StoreEngine;
  /** The build's digest, to keep the analyses of a JSON store for the next hook (see HookSettings). */
  analysisCacheCode?: string;
}

/**
 * One hook's answer to Claude Code, shared by the bin's hook commands and the lean hooks entry
 * (src/hooks.ts). Never throws: a bad DATA_ENGINEER_* setting becomes the one line the user
 * sees, and the session carries on.
 */
export async function answerHook(name: HookName, stdin: string, run: HookProcess): Promise<HookOutput> {
  try {
    const config = run.configure();
    // The same engine as the server's; a JSON store's lock is tried only briefly (a hook must answer).
    const engine = config.postgres ? postgresEngine(run, config.postgres) : new JsonStoreEngine(config.memoryDir, () => ({ lock: { maxTries: HOOK_LOCK_TRIES } }));
    const output = await runHook(name, stdin, {
      engine,
      memoryDir: config.memoryDir,
      agentDirs: config.agentDirs,
      explicitProject: config.explicitProject,
      sessionDir: run.env.CLAUDE_PLUGIN_DATA ? `${run.env.CLAUDE_PLUGIN_DATA}/sessions` : defaultSessionDir(config.memoryDir),
      promptMemoryChars: config.promptMemoryChars,
      maxMemoriesPerAgent: config.maxMemoriesPerAgent,
      ...(run.analysisCacheCode === undefined ? {} : { analysisCacheCode: run.analysisCacheCode }),
      logBug: (error) => run.err(`data-engineer-mcp ${name}: ${(error as Error)?.stack ?? String(error)}`),
    });
    await engine.close();
    return output;
  } catch (error) {
    return { systemMessage: `data-engineer memory: ${(error as Error).message}` };
  }
}

function postgresEngine(run: HookProcess, options: PostgresOptions): StoreEngine {
  if (!run.postgres) throw new Error('internal error: a PostgreSQL store reached a hook entry without pg');
  return run.postgres(options);
}

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
