import type { HookOutput } from '../claude-code/hook-input.js';
import type { HookName } from '../claude-code/hook-names.js';
import { HOOK_LOCK_TRIES, runHook } from '../claude-code/run-hook.js';
import { sessionDirOf } from '../claude-code/session-memory.js';
import type { Config } from '../config.js';
import { JsonStoreEngine } from '../domain/store/json-engine.js';
import type { PostgresOptions } from '../domain/store/postgres/connection.js';
import type { StoreEngine } from '../domain/store/store-port.js';

export { readStdin, turnedOff } from './hook-io.js';

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
      sessionDir: sessionDirOf(run.env, config.memoryDir),
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
