import { type Command, Option } from 'commander';
import { z } from 'zod';
import { deletedMessage, updatedMessage } from '../../mcp/memory-messages.js';
import { contentField, idField, typeField } from '../../mcp/schemas.js';
import { ArgumentError } from '../../mcp/tool-arguments.js';
import { parseCommandArguments } from '../arguments.js';
import { EXIT, action } from '../command.js';

const changes = z.object({ id: idField, content: contentField.optional(), type: typeField.optional() });
const NAMES = { id: 'ID', content: '--content', type: '--type' };

export function updateCommand(program: Command): void {
  program
    .command('update')
    .description('change a memory\'s content or type, or move it into or out of the archive')
    .argument('<id>', 'id of the memory (as list and search show it)')
    .option('--content <text>', 'new content, 5-100 characters')
    .option('--type <type>', 'new type')
    .addOption(new Option('--archive', 'move it to the archive').conflicts('restore'))
    .option('--restore', 'bring an archived memory back')
    .option('--json', 'print {memory} as JSON')
    .action(
      action(async ({ command, out, session }) => {
        const flags = command.opts<{ content?: string; type?: string; archive?: boolean; restore?: boolean; json?: boolean }>();
        const input = await parseCommandArguments(changes, { id: command.args[0], content: flags.content, type: flags.type }, NAMES);
        const archived = flags.archive ? true : flags.restore ? false : undefined;
        if (input.content === undefined && input.type === undefined && archived === undefined) {
          throw new ArgumentError('update needs --content, --type, --archive or --restore: say what should change.');
        }
        const result = await (await session().service()).update({ ...input, ...(archived === undefined ? {} : { archived }) });
        if (flags.json) out.json(result);
        else out.out(updatedMessage(archived, result.memory));
        return EXIT.done;
      }),
    );
}

export function deleteCommand(program: Command): void {
  program
    .command('delete')
    .description('delete a memory for good')
    .argument('<id>', 'id of the memory')
    .option('--json', 'print {deleted, id} as JSON')
    .action(
      action(async ({ command, out, session }) => {
        const { id } = await parseCommandArguments(z.object({ id: idField }), { id: command.args[0] }, NAMES);
        const result = await (await session().service()).remove(id);
        if (command.opts<{ json?: boolean }>().json) out.json(result);
        else out.out(deletedMessage(id));
        return EXIT.done;
      }),
    );
}
