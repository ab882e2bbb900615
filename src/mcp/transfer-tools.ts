import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { exportMemories, importMemories } from '../domain/transfer-memories.js';
import { bulkOutput, bulkReply, summariseBulk } from './bulk-tools.js';
import { authorOf } from './author.js';
import { unknownAgentMessage } from './memory-messages.js';
import type { ProjectContext } from './project-context.js';
import { agentField, bulkTextField, exportFormatField, importFormatField, projectField, typeField } from './schemas.js';
import { type Logger, guarded, toolResult } from './tool-result.js';

/**
 * A reply carries the export twice (text content and structuredContent), and the SDK's stdio client
 * drops the connection on a message over 10 MiB (shared/stdio.js STDIO_DEFAULT_MAX_BUFFER_SIZE):
 * 2,000 memories are at most ~1.4 MiB of JSON, so a page stays far below that.
 */
export const EXPORT_PAGE_MEMORIES = 2_000;

/** `loadedAgents` tells an export of an agent that exists but has no memories from a misspelt one. */
export function registerTransferTools(server: McpServer, projects: ProjectContext, log: Logger, loadedAgents: () => Iterable<string> = () => []): void {
  server.registerTool(
    'export_memories',
    {
      title: 'Export memories',
      description:
        "Return this project's active memories as text: markdown (# <Agent> Memory, ## <Type>, - content; imports back losslessly) or json (full records).",
      inputSchema: {
        format: exportFormatField,
        agent: agentField.optional().describe('Only this agent\'s memories; default all agents.'),
        type: typeField.optional().describe('Only memories of this type.'),
        offset: z
          .number({ error: 'offset must be a whole number: nextOffset from the previous export' })
          .int('offset must be a whole number: nextOffset from the previous export')
          .min(0, 'offset must be 0 or more')
          .optional()
          .describe(`Where to start: nextOffset from the previous call. Each call returns at most ${EXPORT_PAGE_MEMORIES} memories.`),
        project: projectField.optional(),
      },
      outputSchema: {
        text: z.string().describe(`The exported memories: a whole export of at most ${EXPORT_PAGE_MEMORIES}, importable as it is.`),
        count: z.number().describe('How many memories this text holds.'),
        total: z.number().describe('How many memories the export selects in all.'),
        nextOffset: z.number().optional().describe('Pass as offset for the next page; absent on the last one.'),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ project, ...options }) => {
      const { service } = await projects.target(project);
      const unknown = options.agent === undefined ? undefined : unknownAgentMessage(options.agent, (await service.snapshot()).data.memories, loadedAgents());
      if (unknown) return { content: [{ type: 'text', text: unknown }], isError: true };
      const result = await exportMemories(service, { ...options, limit: EXPORT_PAGE_MEMORIES });
      if (result.nextOffset === undefined) return toolResult(result.text, { ...result });
      const first = (options.offset ?? 0) + 1;
      const more =
        `\n(memories ${first}-${first + result.count - 1} of ${result.total}: call export_memories again with offset ${result.nextOffset} for the next page, ` +
        'or run `data-engineer-mcp export --output FILE` for all of them in one file)';
      return toolResult(result.text + more, { ...result });
    }),
  );

  server.registerTool(
    'import_memories',
    {
      title: 'Import memories',
      description:
        'Store memories from text: our json or markdown export, a claude-mpm memory file (.claude-mpm/memories/<agent>_memories.md), or the JSONL graph of @modelcontextprotocol/server-memory. The format is detected; duplicates are skipped and each refused item comes back with the reason.',
      inputSchema: {
        text: bulkTextField('the content of the file to import')
          .describe('The exported or memory-file text itself (the server reads no paths).'),
        format: importFormatField.optional(),
        agent: agentField.optional().describe('File every imported memory under this agent, whatever the text says.'),
        project: projectField.optional(),
      },
      outputSchema: { ...bulkOutput, format: z.string().describe('The format the text was read as.') },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ project, ...options }, extra) => {
      const { service } = await projects.target(project);
      const result = await importMemories(service, { ...options, ...authorOf(extra) });
      log('debug', `import_memories (${result.format}) added ${result.added.length}, rejected ${result.rejected.length}`);
      return toolResult(`Read as ${result.format}. ${summariseBulk(result)}`, bulkReply(result));
    }),
  );
}
