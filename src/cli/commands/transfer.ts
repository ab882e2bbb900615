import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { exportMemories, importMemories } from '../../domain/transfer-memories.js';
import { loadAgents } from '../../domain/agents/load-agents.js';
import { summariseBulk } from '../../mcp/bulk-tools.js';
import { unknownAgentMessage } from '../../mcp/memory-messages.js';
import { agentField, bulkTextField, exportFormatField, importFormatField, typeField } from '../../mcp/schemas.js';
import { ArgumentError } from '../../mcp/tool-arguments.js';
import { parseCommandArguments } from '../arguments.js';
import { EXIT, Refusal, action } from '../command.js';

const exportInput = z.object({ format: exportFormatField, agent: agentField.optional(), type: typeField.optional() });
const importInput = z.object({ text: bulkTextField('the content of the file to import'), format: importFormatField.optional(), agent: agentField.optional() });
const NAMES = { format: '--format', agent: '--agent', type: '--type', text: 'FILE' };
/** Below this many memories an import is one locked write and needs no progress line. */
const PROGRESS_EVERY = 1_000;

export function exportCommand(program: Command): void {
  program
    .command('export')
    .description("write this project's active memories as markdown (imports back losslessly) or json (full records)")
    .option('--format <format>', 'markdown or json', 'markdown')
    .option('--output <file>', 'write to this file instead of stdout')
    .option('--agent <name>', "only this agent's memories")
    .option('--type <type>', 'only memories of this type')
    .action(
      action(async ({ command, out, session }) => {
        const flags = command.opts<{ format: string; output?: string; agent?: string; type?: string }>();
        const options = await parseCommandArguments(exportInput, { format: flags.format, agent: flags.agent, type: flags.type }, NAMES);
        const service = await session().service();
        const unknown = options.agent === undefined ? undefined : unknownAgentMessage(options.agent, (await service.snapshot()).data.memories, loadAgents(session().config.agentDirs).agents.keys());
        if (unknown) throw new Refusal(unknown);
        const { text, count } = await exportMemories(service, options);
        if (flags.output === undefined) {
          out.out(text);
          return EXIT.done;
        }
        const file = resolve(flags.output);
        writeWhole(file, text);
        out.err(`Exported ${count} ${count === 1 ? 'memory' : 'memories'} to ${file}.`);
        return EXIT.done;
      }),
    );
}

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('store memories from our json or markdown export, a claude-mpm memory file or a server-memory JSONL graph; duplicates are skipped')
    .argument('[file]', 'file to read; - or nothing reads stdin')
    .option('--format <format>', 'auto (default), json, markdown, claude-mpm, server-memory')
    .option('--agent <name>', 'file every memory under this agent')
    .option('--json', 'print {added, duplicates, rejected, format} as JSON')
    .action(
      action(async ({ command, out, session }) => {
        const flags = command.opts<{ format?: string; agent?: string; json?: boolean }>();
        const file = command.args[0];
        const options = await parseCommandArguments(importInput, { text: readInput(file), format: flags.format, agent: flags.agent }, NAMES);
        const progress = out.errIsTTY
          ? { every: PROGRESS_EVERY, report: (done: number, total: number) => process.stderr.write(`\rimporting ${done}/${total}${done === total ? '\n' : ''}`) }
          : undefined;
        const result = await importMemories(await session().service(), options, progress);
        if (flags.json) out.json(result);
        else out.out(`Read as ${result.format}. ${summariseBulk(result)}`);
        return result.added.length === 0 && result.duplicates.length === 0 && result.rejected.length > 0 ? EXIT.refused : EXIT.done;
      }),
    );
}

function readInput(file: string | undefined): string {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw new ArgumentError('import needs FILE, or the text on stdin (e.g. data-engineer-mcp import < export.md).');
    return readFileSync(0, 'utf8');
  }
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new Refusal(`FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of an export or memory file.`);
  }
}

/** Through a temp file and a rename, so an interrupted export never leaves half a file under the name. */
function writeWhole(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text.endsWith('\n') ? text : `${text}\n`);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Refusal(`--output ${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose a writable path.`);
  }
}
