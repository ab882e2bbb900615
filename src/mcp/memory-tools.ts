import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listMemories, QUERIES_MAX } from '../domain/memory-query.js';
import type { Memory } from '../domain/memory.js';
import { authorOf } from './author.js';
import { addedMessage, deletedMessage, updatedMessage } from './memory-messages.js';
import type { ProjectContext } from './project-context.js';
import { agentField, contentField, idField, limitField, memoryOutput, projectField, RELATED_ADVICE, relatedFields, typeField } from './schemas.js';
import { type Logger, guarded, toolResult } from './tool-result.js';

const relatedText = (related: readonly { id: string; content: string; similarity: number }[] = []): string =>
  related.length === 0 ? '' : `\nRelated memories:\n${related.map((near) => `- ${near.content} (id ${near.id}, similarity ${near.similarity})`).join('\n')}\n${RELATED_ADVICE}`;

const line = (memory: Memory): string =>
  `- [${memory.type}] ${memory.content} (id ${memory.id}, ${memory.agent}${memory.author ? `, by ${memory.author}` : ''}, ${memory.updatedAt})`;

export function registerMemoryTools(server: McpServer, projects: ProjectContext, log: Logger): void {
  server.registerTool(
    'add_memory',
    {
      title: 'Add a memory',
      description: `Store one learning in this project's memory for an agent. Returns the existing memory (created: false) when the same learning is already stored, and, beside a new one, the closest related memories. ${RELATED_ADVICE}`,
      inputSchema: { type: typeField, content: contentField, agent: agentField.optional(), project: projectField.optional() },
      outputSchema: {
        memory: memoryOutput,
        created: z.boolean().describe('false when the same or nearly the same memory already existed; it is returned instead.'),
        similarity: z.number().optional().describe('When created is false: how close the existing memory is (1 = the same words; less = the same fact with filler words such as "always" added or left out).'),
        related: z.array(z.object(relatedFields)).optional().describe(`When created: up to 3 active memories close to the new one but not the same fact. ${RELATED_ADVICE}`),
        restored: z.literal(true).optional().describe('Set when that existing memory was archived: learning it again moved it back to active.'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ project, ...input }, extra) => {
      const { service } = await projects.target(project);
      const result = await service.add({ ...input, ...authorOf(extra) });
      const { memory, created } = result;
      log('debug', `add_memory ${created ? 'stored' : 'found existing'} ${memory.id}`);
      return toolResult(`${addedMessage(result, 'restore it with update_memory archived: false')}${relatedText(result.related)}`, { ...result });
    }),
  );

  server.registerTool(
    'read_memories',
    {
      title: 'Read memories',
      description:
        "List this project's memories: newest first, or best match first when a query is given; filter by type and agent; page with nextCursor. " +
        'For recall, write the key terms of what you need plus their synonyms and the words a stored note would likely use ' +
        '(e.g. "snowflake cost bill credits warehouse auto-suspend"), and pass other phrasings in queries: they are fused into one ranking.',
      inputSchema: {
        type: typeField.optional(),
        agent: agentField.optional(),
        query: z
          .string()
          .max(1_000, 'query must be at most 1000 characters: use a few key words')
          .optional()
          .describe('What to recall: key terms plus synonyms, not a whole question; results are ranked by relevance (typos, word forms and common data-engineering synonyms are matched).'),
        queries: z
          .array(z.string().max(1_000, 'each of queries must be at most 1000 characters: use a few key words'))
          .max(QUERIES_MAX, `queries takes at most ${QUERIES_MAX} phrasings; keep the best ones`)
          .optional()
          .describe('Alternative phrasings of the same need (e.g. ["spark executor OOM memoryOverhead", "job ran out of memory"]); each is searched and the rankings are fused into one (reciprocal rank fusion), together with query.'),
        archived: z.boolean().optional().describe('true to list the archive (memories moved out by the per-agent cap) instead of active memories.'),
        limit: limitField.optional(),
        cursor: z.string().max(1_000).optional().describe('nextCursor from the previous call, to get the next page.'),
        project: projectField.optional(),
      },
      outputSchema: {
        memories: z.array(memoryOutput).describe('This page of memories.'),
        total: z.number().describe('How many memories match in all.'),
        nextCursor: z.string().optional().describe('Pass as cursor to get the next page; absent on the last page.'),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ project, ...filter }) => {
      const { service } = await projects.target(project);
      const page = await listMemories(service, filter);
      const head = `${page.total} matching ${page.total === 1 ? 'memory' : 'memories'}; showing ${page.memories.length}${page.nextCursor ? ' (more with nextCursor)' : ''}.`;
      return toolResult([head, ...page.memories.map(line)].join('\n'), { ...page });
    }),
  );

  server.registerTool(
    'update_memory',
    {
      title: 'Update a memory',
      description: 'Change the content and/or type of a stored memory by id, or move it out of / back into the archive.',
      inputSchema: {
        id: idField,
        content: contentField.optional(),
        type: typeField.optional(),
        archived: z.boolean().optional().describe('false restores an archived memory; true archives one by hand.'),
        project: projectField.optional(),
      },
      outputSchema: { memory: memoryOutput },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ project, ...input }) => {
      const { service } = await projects.target(project);
      const { memory } = await service.update(input);
      log('debug', `update_memory changed ${memory.id}`);
      return toolResult(updatedMessage(input.archived, memory), { memory });
    }),
  );

  server.registerTool(
    'delete_memory',
    {
      title: 'Delete a memory',
      description: 'Permanently delete a stored memory by id.',
      inputSchema: { id: idField, project: projectField.optional() },
      outputSchema: { deleted: z.literal(true).describe('Always true on success.'), id: z.string().describe('The deleted memory\'s id.') },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    guarded(log, async ({ id, project }) => {
      const { service } = await projects.target(project);
      const result = await service.remove(id);
      log('debug', `delete_memory removed ${id}`);
      return toolResult(deletedMessage(id), result);
    }),
  );
}
