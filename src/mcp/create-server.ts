import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Agent } from '../domain/agents/agent-schema.js';
import { registerAgentPrompt } from './agent-prompts.js';
import { registerBulkTools } from './bulk-tools.js';
import { registerInfoTool } from './info-tool.js';
import { registerMemoryTools } from './memory-tools.js';
import { ProjectContext, type ProjectChoice } from './project-context.js';
import type { Logger } from './tool-result.js';

export interface ServerDeps {
  name: string;
  version: string;
  agents: ReadonlyMap<string, Agent>;
  projectChoice: ProjectChoice;
  promptMemoryChars: number;
  log: Logger;
}

export function createServer(deps: ServerDeps): { server: McpServer; projects: ProjectContext } {
  const server = new McpServer(
    { name: deps.name, version: deps.version },
    {
      instructions:
        'Data Engineer agent with per-project memory. Use the data_engineer prompt to start a task; store learnings with add_memory or hand a whole reply to extract_memories; recall with read_memories.',
    },
  );
  const projects = new ProjectContext(deps.projectChoice, deps.log);

  registerMemoryTools(server, projects, deps.log);
  registerBulkTools(server, projects, deps.log);
  registerInfoTool(server, projects, deps.log);
  for (const agent of deps.agents.values()) registerAgentPrompt(server, agent, projects, { budget: deps.promptMemoryChars });

  followClientRoots(server, projects);
  return { server, projects };
}

/** The client's first file:// root picks the project unless --project / DATA_ENGINEER_PROJECT did. */
function followClientRoots(server: McpServer, projects: ProjectContext): void {
  if (projects.choice.explicit) return;
  const low = server.server;
  const refresh = () => {
    if (low.getClientCapabilities()?.roots) void projects.followRoots(() => low.listRoots());
  };
  low.oninitialized = refresh;
  low.setNotificationHandler(RootsListChangedNotificationSchema, async () => refresh());
}
