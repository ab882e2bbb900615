import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MEMORY_TYPES } from '../domain/memory.js';
import { PROJECT_SOURCE_TEXT as SOURCE_TEXT, gatherInfo, plural } from './memory-info.js';
import type { ProjectContext } from './project-context.js';
import { projectField } from './schemas.js';
import { type Logger, guarded, toolResult } from './tool-result.js';

const IDENTITY_TEXT = { name: 'the name given by --project-name,', 'git-remote': 'the git remote', folder: 'the folder' } as const;

export function registerInfoTool(server: McpServer, projects: ProjectContext, log: Logger): void {
  server.registerTool(
    'memory_info',
    {
      title: 'Memory store info',
      description: 'Which project this server is using, how it was chosen, where its memories are stored, and how many of each type there are.',
      inputSchema: { project: projectField.optional() },
      outputSchema: {
        project: z
          .object({
            name: z.string().describe('Project folder name.'),
            root: z.string().describe('Absolute real path of the project folder.'),
            key: z.string().describe('Key of its identity: <readable name>-<first 8 hex of sha256(identity)>; see identity.storeKey for the key in use.'),
          })
          .describe('The project in use.'),
        source: z.enum(Object.keys(SOURCE_TEXT) as [keyof typeof SOURCE_TEXT]).describe('What chose the project.'),
        identity: z
          .object({
            kind: z.enum(['name', 'git-remote', 'folder']).describe('What makes it one project across machines: --project-name, the git remote (normalised), or the folder path.'),
            value: z.string().describe('The name, the normalised remote URL (no credentials), or the folder path.'),
            storeKey: z.string().describe('The key its store is under; a JSON store made before identities keeps its folder key.'),
          })
          .describe('The project identity used to find its store.'),
        storePath: z.string().describe('Where this project\'s memories are: its JSON file, or the PostgreSQL URL (no password) and project key.'),
        engine: z.enum(['json', 'postgres']).describe('What holds the memories: JSON files in the memory folder (default) or a PostgreSQL database.'),
        memoryDir: z.string().describe('The folder holding every project\'s store, or the PostgreSQL URL without its password.'),
        counts: z.record(z.string(), z.number()).describe('Memories per type, and total.'),
        problem: z.string().optional().describe('Set when the store cannot be read: what is wrong and what to do.'),
        projects: z
          .array(
            z.object({
              key: z.string().describe('Store key (file name without .json).'),
              name: z.string().optional().describe('Project folder name.'),
              root: z.string().optional().describe('Project folder path.'),
              count: z.number().optional().describe('Memories stored.'),
              problem: z.string().optional().describe('Why the store cannot be read, if it cannot.'),
            }),
          )
          .describe('Every project with a store in the memory folder; pass a root as `project` to work on it.'),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(log, async ({ project: projectArg }) => {
      const { project, service } = await projects.target(projectArg);
      const gathered = await gatherInfo(project, service, projects.engine);
      // A team server session sees its URL's project only (url-project-only.ts), here as in every call.
      const info =
        projects.choice.urlPath === undefined ? gathered : { ...gathered, projects: gathered.projects.filter((store) => store.key === gathered.identity.storeKey) };
      const { counts, problem, storePath } = info;
      const lines = [
        `Project: ${project.name} (${project.root}), chosen by ${SOURCE_TEXT[project.source]}.`,
        `Identity: ${IDENTITY_TEXT[info.identity.kind]} ${info.identity.value} (store key ${info.identity.storeKey}).`,
        `Store: ${storePath}`,
        problem ? `Problem: ${problem}` : `Memories: ${counts.total} (${MEMORY_TYPES.map((type) => `${type} ${counts[type] ?? 0}`).join(', ')})`,
        `Projects with stores in ${projects.engine.location}:`,
        ...info.projects.map((store) => `- ${store.name ?? store.key} ${store.root ?? ''} ${store.problem ? `(unreadable: ${store.problem})` : `(${plural(store.count ?? 0, 'memory', 'memories')})`}`),
      ];
      return toolResult(lines.join('\n'), { ...info });
    }),
  );
}
