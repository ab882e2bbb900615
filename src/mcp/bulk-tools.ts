import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type BulkResult, extractMemories } from '../domain/extract-memories.js';
import type { ProjectContext } from './project-context.js';
import { agentField, bulkTextField, memoryOutput, projectField, rejectedOutput } from './schemas.js';
import { type Logger, guarded, toolResult } from './tool-result.js';

export const bulkOutput = {
  added: z.array(memoryOutput).describe('Memories newly stored.'),
  duplicates: z.array(memoryOutput).describe('Already stored memories the input repeated; not stored again.'),
  rejected: rejectedOutput,
};

export function summariseBulk(result: BulkResult): string {
  const lines = [`Added ${result.added.length}, already stored ${result.duplicates.length}, rejected ${result.rejected.length}.`];
  for (const memory of result.added.slice(0, 50)) lines.push(`+ [${memory.type}] ${memory.content} (id ${memory.id})`);
  for (const reject of result.rejected.slice(0, 50)) lines.push(`! ${reject.reason}\n  ${reject.block.split('\n').join('\n  ')}`);
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
    guarded(log, async ({ text, agent, project }) => {
      const { service } = await projects.target(project);
      const result = await extractMemories(service, text, agent);
      log('debug', `extract_memories added ${result.added.length}, rejected ${result.rejected.length}`);
      return toolResult(summariseBulk(result), { ...result });
    }),
  );
}
