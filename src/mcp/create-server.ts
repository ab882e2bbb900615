import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { AgentRegistry } from './agent-registry.js';
import { registerBulkTools } from './bulk-tools.js';
import { registerInfoTool } from './info-tool.js';
import { registerRepairTool } from './repair-tool.js';
import { skipRepeatedChecks } from './repeated-checks.js';
import { clientLogging } from './logging.js';
import { isMemoryFolderProblem } from './memory-messages.js';
import { MemorySubscriptions } from './memory-subscriptions.js';
import { registerMemoryTools } from './memory-tools.js';
import { ProjectContext, type ProjectChoice } from './project-context.js';
import { answerInOurWords } from './readable-errors.js';
import { registerResources } from './resources.js';
import { SERVER_ICONS } from './server-icon.js';
import { offerOnlyTheUrlProject } from './url-project-only.js';
import { registerTransferTools } from './transfer-tools.js';
import type { Logger } from './tool-result.js';
import type { StoreEngine } from '../domain/store/store-port.js';

export interface ServerDeps {
  name: string;
  version: string;
  agentDirs: readonly string[];
  projectChoice: ProjectChoice;
  promptMemoryChars: number;
  maxMemoriesPerAgent: number;
  /** Where the stores live; default: the JSON files of projectChoice.memoryDir. */
  store?: StoreEngine;
  /** Appended to a refusal about reaching the memory folder: which folder, and what chose it. */
  memoryFolderNote?: string;
  /** The human log (stderr); MCP logging notifications are added on top of it. */
  log: Logger;
  /**
   * A project context shared with other servers in this process (a team server makes one server
   * per HTTP session), so they share one store object per project instead of competing for its lock.
   */
  projects?: ProjectContext;
}

export interface DataEngineerServer {
  server: McpServer;
  projects: ProjectContext;
  agents: AgentRegistry;
  /** Re-reads the agent folders; tells clients when prompts or agent resources changed. */
  reloadAgents: () => void;
  close: () => Promise<void>;
}

export function createServer(deps: ServerDeps): DataEngineerServer {
  const server = new McpServer(
    // The SDK's tools and prompts take no icons (registerTool/registerPrompt have no such field);
    // the server itself and its resources do.
    { name: deps.name, title: 'Data Engineer', version: deps.version, icons: SERVER_ICONS },
    {
      capabilities: { logging: {} },
      jsonSchemaValidator: noElicitation,
      instructions:
        'Data Engineer agent with per-project memory. Use the data_engineer prompt to start a task; store learnings with add_memory or hand a whole reply to extract_memories; recall with read_memories.',
    },
  );
  // Before anything is registered: these wrap the handlers the SDK installs as tools are added.
  skipRepeatedChecks(server);
  const { urlPath, explicit } = deps.projectChoice;
  if (urlPath !== undefined && explicit) offerOnlyTheUrlProject(server, explicit.name, urlPath);
  answerInOurWords(server, (text) => (deps.memoryFolderNote && isMemoryFolderProblem(text, deps.projectChoice.memoryDir) ? `${text} ${deps.memoryFolderNote}` : text));
  const { log, toClient } = clientLogging(server, deps.log);
  const projects = deps.projects ?? new ProjectContext(deps.projectChoice, log, { maxActivePerAgent: deps.maxMemoriesPerAgent }, deps.store);
  const agents = new AgentRegistry(server, projects, { budget: deps.promptMemoryChars, dirs: deps.agentDirs, log });
  agents.reload();

  registerMemoryTools(server, projects, log);
  registerBulkTools(server, projects, log);
  registerTransferTools(server, projects, log, () => agents.agents.keys());
  registerInfoTool(server, projects, log);
  registerRepairTool(server, projects, log);
  registerResources(server, agents, projects);
  const subscriptions = new MemorySubscriptions(server, projects, log);
  projects.onProjectChange = () => void subscriptions.projectChanged();
  followClientRoots(server, projects, async () => {
    // stderr already has the start-up line; the client hears which store it is talking to.
    const project = await projects.current();
    toClient('info', `project ${project.name} (${project.root}, from ${project.source}); store ${projects.storePath(project)}`);
  });

  return {
    server,
    projects,
    agents,
    reloadAgents: () => {
      if (agents.reload() && server.isConnected()) server.sendResourceListChanged();
    },
    close: async () => {
      subscriptions.close();
      await server.close();
      // A shared context (one per project on the team server) and its engine belong to whoever
      // made them: a session that ends closing them would end every other session's store (seen:
      // "Cannot use a pool after calling end on the pool" after one client's DELETE).
      if (!deps.projects) await projects.engine.close();
    },
  };
}

/**
 * The SDK validates elicitation answers with a JSON Schema validator it builds (Ajv, ~10 ms) at
 * every start unless given one. This server never elicits, so it gives one that says so.
 */
const noElicitation: jsonSchemaValidator = {
  getValidator() {
    throw new Error('data-engineer-mcp never asks the client for input (no elicitation), so it validates no elicitation schema');
  },
};

/** The client's first file:// root picks the project unless --project / DATA_ENGINEER_PROJECT did. */
function followClientRoots(server: McpServer, projects: ProjectContext, announce: () => Promise<void>): void {
  const low = server.server;
  const refresh = () => {
    if (!projects.choice.explicit && low.getClientCapabilities()?.roots) void projects.followRoots(() => low.listRoots());
  };
  low.oninitialized = () => {
    refresh();
    void announce().catch(() => undefined);
  };
  low.setNotificationHandler(RootsListChangedNotificationSchema, async () => refresh());
}
