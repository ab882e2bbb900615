import type { McpServer, RegisteredPrompt } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Agent } from '../domain/agents/agent-schema.js';
import { loadAgents } from '../domain/agents/load-agents.js';
import { type PromptOptions, registerAgentPrompt } from './agent-prompts.js';
import type { ProjectContext } from './project-context.js';
import type { Logger } from './tool-result.js';

/**
 * The agents being served, kept in step with the agent folders: each one is a prompt, and the
 * agent:// and memory:// resources read the current map, so a reload changes what clients see
 * without a restart.
 */
export class AgentRegistry {
  private current = new Map<string, Agent>();
  private readonly prompts = new Map<string, RegisteredPrompt>();

  constructor(
    private readonly server: McpServer,
    private readonly projects: ProjectContext,
    private readonly options: PromptOptions & { dirs: readonly string[]; log: Logger },
  ) {}

  get agents(): ReadonlyMap<string, Agent> {
    return this.current;
  }

  /** Loads the folders again; returns whether the set of agents or any definition changed. */
  reload(): boolean {
    const { agents, problems } = loadAgents(this.options.dirs);
    for (const problem of problems) this.options.log('warning', `agent file skipped: ${problem.message}`);
    let changed = false;
    for (const [name, prompt] of this.prompts) {
      if (agents.get(name)?.source === this.current.get(name)?.source) continue;
      prompt.remove();
      this.prompts.delete(name);
      changed = true;
    }
    for (const [name, agent] of agents) {
      if (this.prompts.has(name)) continue;
      this.prompts.set(name, registerAgentPrompt(this.server, agent, this.projects, this.options));
      changed = true;
    }
    this.current = agents;
    return changed;
  }
}
