import type { Command } from 'commander';
import { z } from 'zod';
import { listMemories } from '../../domain/memory-query.js';
import { agentField, limitField, typeField } from '../../mcp/schemas.js';
import { asNumber, parseCommandArguments } from '../arguments.js';
import { type CommandRun, EXIT, action } from '../command.js';
import { memoryRows } from '../memory-lines.js';
import { plural } from '../../mcp/memory-info.js';

const filter = z.object({
  type: typeField.optional(),
  agent: agentField.optional(),
  archived: z.boolean().optional(),
  limit: limitField.optional(),
  query: z.string().max(1_000, 'query must be at most 1000 characters: use a few key words').optional(),
});

const NAMES = { type: '--type', agent: '--agent', limit: '--limit', query: 'QUERY' };

interface ListFlags {
  type?: string;
  agent?: string;
  archived?: boolean;
  limit?: string;
  json?: boolean;
}

/** `list` (newest first) and `search` (best match first) share the filter and the output. */
function withFilterOptions(command: Command): Command {
  return command
    .option('--type <type>', 'only memories of this type')
    .option('--agent <name>', "only this agent's memories")
    .option('--archived', 'the archive (memories moved out by the per-agent cap) instead of active memories')
    .option('--limit <n>', 'how many to show, 1-200 (default 20)')
    .option('--json', 'print the memories as one JSON array');
}

export function listCommand(program: Command): void {
  withFilterOptions(program.command('list').description('list memories, newest first')).action(
    action(async (run) => show(run.command.opts<ListFlags>(), undefined, run)),
  );
}

export function searchCommand(program: Command): void {
  withFilterOptions(program.command('search').description('find memories by meaning, best match first').argument('<query...>', 'what to recall, in words')).action(
    action(async (run) => show(run.command.opts<ListFlags>(), run.command.args.join(' '), run)),
  );
}

async function show(flags: ListFlags, query: string | undefined, { out, session }: CommandRun): Promise<number> {
  const parsed = await parseCommandArguments(filter, { ...flags, json: undefined, limit: asNumber(flags.limit), query }, NAMES);
  const page = await listMemories(await session().service(), parsed);
  if (flags.json) {
    out.json(page.memories);
    return EXIT.done;
  }
  const kind = flags.archived ? 'archived memories' : 'memories';
  if (page.total === 0) {
    out.err(query ? `No ${kind} match "${query}".` : `No ${kind} in ${session().project.name} (${session().storePath}).`);
    return EXIT.done;
  }
  for (const line of memoryRows(page.memories, out.style)) out.out(line);
  if (page.memories.length < page.total) out.err(`Showing ${page.memories.length} of ${plural(page.total, 'match', 'matches')}; --limit up to 200, or export for all.`);
  return EXIT.done;
}
