import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { RecordsRepair } from '../domain/store/store-records.js';
import { describeFlaws } from '../domain/store/store-errors.js';
import type { ProjectContext } from './project-context.js';
import { projectField } from './schemas.js';
import { type Logger, guarded, toolResult } from './tool-result.js';

/** repair_store: what a store_needs_repair error tells the user to run (see MemoryStore.repairRecords). */
export function registerRepairTool(server: McpServer, projects: ProjectContext, log: Logger): void {
  server.registerTool(
    'repair_store',
    {
      title: 'Repair memory store',
      description:
        'Makes a memory store with hand-edited records that break the schema, or duplicated ids, writable again: those records are moved unchanged to a side file beside the store, a second memory under a taken id keeps the new id reads already show, and the store is rewritten. Run it when a tool answers store_needs_repair; on a sound store it changes nothing.',
      inputSchema: { project: projectField.optional() },
      outputSchema: {
        repaired: z.boolean().describe('Whether anything needed repairing (false: the store was already sound and was not touched).'),
        storePath: z.string().describe('The store file.'),
        keptAt: z.string().optional().describe('The side file holding the records taken out of the store, exactly as they were.'),
        moved: z.number().describe('Records moved to the side file.'),
        renamed: z.array(z.object({ id: z.string(), renamedTo: z.string() })).describe('Memories that shared an id with an earlier one and now have their own.'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ project: projectArg }) => {
      const { project, service } = await projects.target(projectArg);
      const { text, structured } = repairReport(projects.storePath(project), await service.repair());
      return toolResult(text, structured);
    }),
  );
}

/** What repair_store and `data-engineer-mcp repair` answer: the same facts, in words and as a record. */
export function repairReport(storePath: string, { flaws, keptAt }: RecordsRepair): { text: string; structured: RepairOutcome } {
  const renamed = flaws.flatMap((flaw) => (flaw.kind === 'duplicate_id' ? [{ id: flaw.id, renamedTo: flaw.renamedTo }] : []));
  const moved = flaws.length - renamed.length;
  const text =
    flaws.length === 0
      ? `Memory store ${storePath} needs no repair; it was not changed.`
      : `Repaired memory store ${storePath}: ${describeFlaws(flaws)}. ${moved} record(s) moved, unchanged, to ${keptAt}; the store was rewritten and takes writes again.`;
  return { text, structured: { repaired: flaws.length > 0, storePath, ...(keptAt ? { keptAt } : {}), moved, renamed } };
}

export interface RepairOutcome {
  [key: string]: unknown;
  repaired: boolean;
  storePath: string;
  keptAt?: string;
  moved: number;
  renamed: { id: string; renamedTo: string }[];
}
