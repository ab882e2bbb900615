// dist/hooks.cjs: the Claude Code hooks (`dist/cli.js capture|context|recall`, nothing else on
// the command line), bundled apart from the server. Claude Code starts a fresh process for every
// prompt and every reply, and the full bundle (SDK, HTTP server, PostgreSQL client, commander)
// cost ~170 ms to load before a hook did anything (issue #17 point 2: ≤ 120 ms from spawn to
// exit at 10,000 memories, node start included; README "Performance"). Any other form of the
// command, and a PostgreSQL store, are handed to the full CLI, which runs the same hook code.
import { z } from 'zod';
import type { HookName } from './claude-code/hook-names.js';
import { answerHook } from './cli/hook-process.js';
import { answerAndExit, readStdin, turnedOff } from './cli/hook-io.js';
import { type Config, readConfig } from './config.js';

// zod compiles a parser for an object schema on its first parse (new Function), which pays off
// over many parses; a hook's process parses each of its schemas once or twice.
z.config({ jitless: true });

/**
 * Runs one hook in this process; `fullCli` runs the whole bin instead (same argv), for a
 * PostgreSQL store. `build` (the bundle's digest) ties the analysis caches to this build.
 * `stdin` is the hook input when the fast path (src/hooks-fast.ts) already read it.
 */
export async function runHookProcess(name: HookName, fullCli: () => void, build: string, stdin?: string): Promise<void> {
  if (turnedOff(name, process.env.DATA_ENGINEER_HOOKS_OFF)) return answerAndExit('{}');
  let config: Config | undefined;
  try {
    config = readConfig({}, process.env, process.cwd());
  } catch {
    // Said by answerHook below, in the words the full CLI uses.
  }
  // The full CLI reads stdin itself; the fast path hands it no PostgreSQL store.
  if (config?.postgres) return fullCli();
  const output = await answerHook(name, stdin ?? (await readStdin()), {
    configure: () => config ?? readConfig({}, process.env, process.cwd()),
    env: process.env,
    err: (text) => void process.stderr.write(`${text}\n`),
    analysisCacheCode: build,
  });
  return answerAndExit(JSON.stringify(output));
}
