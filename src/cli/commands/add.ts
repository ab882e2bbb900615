import type { Command } from 'commander';
import { z } from 'zod';
import { addedMessage } from '../../mcp/memory-messages.js';
import { agentField, contentField, typeField } from '../../mcp/schemas.js';
import { parseCommandArguments } from '../arguments.js';
import { EXIT, action } from '../command.js';

const input = z.object({ type: typeField, content: contentField, agent: agentField.optional() });

export function addCommand(program: Command): void {
  program
    .command('add')
    .description('store one learning; prints the stored memory, or the existing one it duplicates')
    .requiredOption('--type <type>', 'kind of learning: pattern, architecture, guideline, mistake, strategy, integration, performance, context')
    .option('--agent <name>', 'agent the memory belongs to (default data_engineer)')
    .option('--json', 'print {memory, created, similarity?} as JSON')
    .argument('<content...>', 'the learning, 5-100 characters (the words are joined by spaces)')
    .action(
      action(async ({ command, out, session }) => {
        const options = command.opts<{ type: string; agent?: string; json?: boolean }>();
        const args = await parseCommandArguments(input, { ...options, content: command.args.join(' ') }, { type: '--type', agent: '--agent', content: 'CONTENT' });
        const result = await (await session().service()).add(args);
        if (options.json) out.json(result);
        else out.out(addedMessage(result, 'restore it with: data-engineer-mcp update ID --restore'));
        return EXIT.done;
      }),
    );
}
