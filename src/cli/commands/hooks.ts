import type { Command } from 'commander';
import { HOOK_LOCK_TRIES, type HookName, HOOKS, defaultSessionDir, runHook } from '../../claude-code/run-hook.js';
import { JsonStoreEngine } from '../../domain/store/json-engine.js';
import { PostgresEngine } from '../../domain/store/postgres/postgres-engine.js';
import { type SharedFlags, readConfig } from '../../config.js';
import { action } from '../command.js';

const DESCRIPTIONS: Record<HookName, string> = {
  capture: 'Claude Code Stop/SubagentStop hook: save the "# Add To Memory:" blocks of the reply (hook JSON on stdin)',
  context: 'Claude Code SessionStart hook: the project memory summary as additional context (hook JSON on stdin)',
  recall: 'Claude Code UserPromptSubmit hook: the memories relevant to the prompt (hook JSON on stdin)',
};
/** Claude Code writes the input and closes stdin; this bounds a caller that never does. */
const STDIN_WAIT_MS = 2_000;
const STDIN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The hooks of the Claude Code plugin (plugin/hooks/hooks.json). They always exit 0 and print
 * Claude Code's hook JSON on stdout: a hook that failed says so in one systemMessage line
 * rather than breaking the user's session.
 */
export function hookCommands(program: Command): void {
  for (const name of HOOKS) {
    program
      .command(name)
      .description(DESCRIPTIONS[name])
      .action(
        action(async ({ command, out }) => {
          if (turnedOff(name, process.env.DATA_ENGINEER_HOOKS_OFF)) {
            out.out('{}');
            return 0;
          }
          const stdin = await readStdin();
          let output;
          try {
            const config = readConfig(command.optsWithGlobals<SharedFlags>(), process.env, process.cwd());
            // The same engine as the server's; a JSON store's lock is tried only briefly (a hook must answer).
            const engine = config.postgres
              ? new PostgresEngine(async () => (await import('pg')).default, config.postgres, (message) => out.err(`data-engineer-mcp: ${message}`))
              : new JsonStoreEngine(config.memoryDir, () => ({ lock: { maxTries: HOOK_LOCK_TRIES } }));
            output = await runHook(name, stdin, {
              engine,
              memoryDir: config.memoryDir,
              agentDirs: config.agentDirs,
              explicitProject: config.explicitProject,
              sessionDir: process.env.CLAUDE_PLUGIN_DATA ? `${process.env.CLAUDE_PLUGIN_DATA}/sessions` : defaultSessionDir(config.memoryDir),
              promptMemoryChars: config.promptMemoryChars,
              maxMemoriesPerAgent: config.maxMemoriesPerAgent,
              logBug: (error) => out.err(`data-engineer-mcp ${name}: ${(error as Error)?.stack ?? String(error)}`),
            });
            await engine.close();
          } catch (error) {
            // A bad DATA_ENGINEER_* setting: the session carries on, and the user learns what to fix.
            output = { systemMessage: `data-engineer memory: ${(error as Error).message}` };
          }
          out.out(JSON.stringify(output));
          return 0;
        }),
      );
  }
}

/** DATA_ENGINEER_HOOKS_OFF="recall,context" (e.g. in Claude Code's settings.json "env") turns those hooks off. */
function turnedOff(name: HookName, setting: string | undefined): boolean {
  return (setting ?? '').split(/[\s,]+/u).includes(name);
}

async function readStdin(): Promise<string> {
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
