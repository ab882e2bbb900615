import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type BulkResult, extractMemories, RELATED_LIST_MAX } from '../domain/extract-memories.js';
import { authorOf } from './author.js';
import { NO_BLOCK_MESSAGE } from './memory-messages.js';
import type { ProjectContext } from './project-context.js';
import { agentField, bulkTextField, memoryOutput, projectField, RELATED_ADVICE, rejectedOutput, relatedFields } from './schemas.js';
import { type Logger, guarded, toolResult } from './tool-result.js';

/**
 * Lists in a reply stop at this many; `counts` holds the full numbers. 70,000 extracted blocks once
 * made an 11 MiB reply, past the 10 MiB the SDK's stdio client reads, which closed the connection
 * after the write had happened (shared/stdio.js STDIO_DEFAULT_MAX_BUFFER_SIZE).
 */
export const BULK_LIST_MAX = 100;

export const countsOutput = z
  .object({ added: z.number(), restored: z.number(), duplicates: z.number(), rejected: z.number() })
  .describe(`How many memories each list holds in all; each list shows at most the first ${BULK_LIST_MAX}.`);

export const bulkOutput = {
  added: z.array(memoryOutput).describe('Memories newly stored.'),
  restored: z.array(memoryOutput).describe('Archived memories the input learned again: moved back to active.'),
  duplicates: z.array(memoryOutput).describe('Already stored memories the input repeated; not stored again.'),
  rejected: rejectedOutput,
  counts: countsOutput,
  related: z
    .array(z.object({ of: z.string().describe('Id of the memory just added.'), ...relatedFields }))
    .describe(`Active memories close to a memory just added (of) but not the same fact, at most ${RELATED_LIST_MAX}. ${RELATED_ADVICE}`),
};

/** The structured reply of a bulk call: every list cut to BULK_LIST_MAX, the full numbers in counts. */
export function bulkReply(result: BulkResult): Record<string, unknown> {
  const { added, restored, duplicates, rejected, related, ...rest } = result;
  return {
    ...rest,
    counts: { added: added.length, restored: restored.length, duplicates: duplicates.length, rejected: rejected.length },
    added: added.slice(0, BULK_LIST_MAX),
    restored: restored.slice(0, BULK_LIST_MAX),
    duplicates: duplicates.slice(0, BULK_LIST_MAX),
    rejected: rejected.slice(0, BULK_LIST_MAX),
    related: related.slice(0, BULK_LIST_MAX),
  };
}

export function summariseBulk(result: BulkResult): string {
  const restored = result.restored.length > 0 ? `, restored from the archive ${result.restored.length}` : '';
  const lines = [`Added ${result.added.length}${restored}, already stored ${result.duplicates.length}, rejected ${result.rejected.length}.`];
  for (const memory of result.added.slice(0, 50)) lines.push(`+ [${memory.type}] ${memory.content} (id ${memory.id})`);
  for (const memory of result.restored.slice(0, 50)) lines.push(`↺ [${memory.type}] ${memory.content} (id ${memory.id}, active again)`);
  if (result.related.length > 0) lines.push(`Related to what was added (${RELATED_ADVICE}):`);
  for (const near of result.related.slice(0, 50)) lines.push(`~ ${near.content} (id ${near.id}, similarity ${near.similarity}, related to ${near.of})`);
  for (const reject of result.rejected.slice(0, 50)) lines.push(`! ${reject.reason}\n  ${reject.block.split('\n').join('\n  ')}`);
  const listed = Math.max(result.added.length, result.restored.length, result.rejected.length);
  if (listed > 50) lines.push(`(each list above shows the first 50; structuredContent.counts has every total)`);
  return lines.join('\n');
}

export function registerBulkTools(server: McpServer, projects: ProjectContext, log: Logger): void {
  server.registerTool(
    'extract_memories',
    {
      title: 'Extract memories from a reply',
      description:
        'Hand over a whole reply (or any text): every "# Add To Memory:" block (also "# Remember:" / "# Memorize:") with Type: and Content: lines is stored; each refused block comes back with the reason.',
      inputSchema: {
        text: bulkTextField('the reply holding "# Add To Memory:" blocks')
          .describe('The text holding the memory blocks, e.g. the agent\'s whole reply.'),
        agent: agentField.optional(),
        project: projectField.optional(),
      },
      outputSchema: bulkOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ text, agent, project }, extra) => {
      const { service } = await projects.target(project);
      const result = await extractMemories(service, text, agent, authorOf(extra).author);
      log('debug', `extract_memories added ${result.added.length}, rejected ${result.rejected.length}`);
      const nothingFound = result.added.length + result.restored.length + result.duplicates.length + result.rejected.length === 0;
      return toolResult(nothingFound ? NO_BLOCK_MESSAGE : summariseBulk(result), bulkReply(result));
    }),
  );
}
