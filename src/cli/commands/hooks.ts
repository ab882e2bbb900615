import type { Command } from 'commander';
import type { HookName } from '../../claude-code/hook-names.js';
import { HOOKS } from '../../claude-code/hook-names.js';
import { PostgresEngine } from '../../domain/store/postgres/postgres-engine.js';
import { type SharedFlags, readConfig } from '../../config.js';
import { action } from '../command.js';
import { answerHook, readStdin, turnedOff } from '../hook-process.js';

const DESCRIPTIONS: Record<HookName, string> = {
  capture: 'Claude Code Stop/SubagentStop hook: save the "# Add To Memory:" blocks of the reply (hook JSON on stdin)',
  context: 'Claude Code SessionStart hook: the project memory summary as additional context (hook JSON on stdin)',
  recall: 'Claude Code UserPromptSubmit hook: the memories relevant to the prompt (hook JSON on stdin)',
};

/**
 * The hooks of the Claude Code plugin (plugin/hooks/hooks.json). They always exit 0 and print
 * Claude Code's hook JSON on stdout: a hook that failed says so in one systemMessage line
 * rather than breaking the user's session. `dist/cli.js <hook>` alone runs the lean hooks bundle
 * (src/hooks.ts) instead; these serve every other form (options, a PostgreSQL store).
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
          const output = await answerHook(name, stdin, {
            configure: () => readConfig(command.optsWithGlobals<SharedFlags>(), process.env, process.cwd()),
            env: process.env,
            err: out.err,
            postgres: (options) => new PostgresEngine(async () => (await import('pg')).default, options, (message) => out.err(`data-engineer-mcp: ${message}`)),
          });
          out.out(JSON.stringify(output));
          return 0;
        }),
      );
  }
}
