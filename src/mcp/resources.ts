import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { exportMarkdown } from '../domain/transfer/export-markdown.js';
import type { AgentRegistry } from './agent-registry.js';
import type { ProjectContext } from './project-context.js';
import { ProtocolError, RESOURCE_NOT_FOUND } from './protocol-error.js';
import { SERVER_ICONS } from './server-icon.js';

export const agentUri = (name: string) => `agent://${name}`;
export const memoryUri = (agent: string) => `memory://${agent}`;

/**
 * agent://<name> and memory://<agent> are templates whose list callbacks read the current
 * agents, so resources/list is always in step with hot reloads, and the template variables
 * complete from the loaded agent names.
 */
export function registerResources(server: McpServer, registry: AgentRegistry, projects: ProjectContext): void {
  const completeAgent = (value: string) => [...registry.agents.keys()].filter((name) => name.startsWith(value));
  const variable = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

  server.registerResource(
    'agent',
    new ResourceTemplate('agent://{name}', {
      list: async () => ({
        resources: [...registry.agents.values()].map((agent) => ({
          uri: agentUri(agent.name),
          name: `agent-${agent.name}`,
          title: `${agent.title} agent definition`,
          description: agent.description,
          mimeType: 'text/markdown',
        })),
      }),
      complete: { name: completeAgent },
    }),
    { title: 'Agent definition', description: 'An agent definition file (front matter and body) as markdown.', mimeType: 'text/markdown', icons: SERVER_ICONS },
    async (uri, variables) => {
      const agent = registry.agents.get(variable(variables.name));
      if (!agent) throw new ProtocolError(RESOURCE_NOT_FOUND, `No agent named "${variable(variables.name)}"; resources/list shows the loaded agents.`, { uri: uri.href });
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: agent.source }] };
    },
  );

  server.registerResource(
    'memory',
    new ResourceTemplate('memory://{agent}', {
      list: async () => ({
        resources: [...registry.agents.values()].map((agent) => ({
          uri: memoryUri(agent.name),
          name: `memory-${agent.name}`,
          title: `${agent.title} memory of this project`,
          description: `What the ${agent.title} agent has learned in the current project, grouped by type.`,
          mimeType: 'text/markdown',
        })),
      }),
      complete: { agent: completeAgent },
    }),
    { title: 'Agent memory', description: "This project's memories of an agent as markdown, grouped by type.", mimeType: 'text/markdown', icons: SERVER_ICONS },
    async (uri, variables) => {
      const agent = variable(variables.agent);
      const { service } = await projects.target();
      const { data } = await service.snapshot();
      const mine = data.memories.filter((memory) => memory.agent === agent && memory.archivedAt === undefined);
      if (!registry.agents.has(agent) && !data.memories.some((memory) => memory.agent === agent)) {
        throw new ProtocolError(RESOURCE_NOT_FOUND, `No agent named "${agent}" is loaded or has memories in this project; resources/list shows the agents.`, {
          uri: uri.href,
        });
      }
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: exportMarkdown(mine, { agent }) }] };
    },
  );
}
