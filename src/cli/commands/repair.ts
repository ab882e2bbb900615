import type { Command } from 'commander';
import { repairReport } from '../../mcp/repair-tool.js';
import { EXIT, action } from '../command.js';

/** `data-engineer-mcp repair`: repair_store from a terminal, for a store whose records need it. */
export function repairCommand(program: Command): void {
  program
    .command('repair')
    .description('make a store with bad or duplicated records writable again: those records go, unchanged, to <store>.rejected-<timestamp>')
    .option('--json', "print repair_store's record as JSON")
    .action(
      action(async ({ command, out, session }) => {
        const { text, structured } = repairReport(session().storePath, await (await session().service()).repair());
        if (command.opts<{ json?: boolean }>().json) out.json(structured);
        else out.out(text);
        return EXIT.done;
      }),
    );
}
