import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Agent } from '../domain/agents/agent-schema.js';
import { isMemoryError } from '../domain/errors.js';
import { pickPromptMemories } from '../domain/pick-prompt-memories.js';
import { renderPromptMemory } from '../domain/prompt-memory.js';
import type { ProjectContext } from './project-context.js';

export interface PromptOptions {
  budget: number;
}

/**
 * Each agent is a prompt: its body, then this project's memory of that agent, then the task.
 * A store that cannot be read does not block the prompt; the memory section says what is wrong.
 */
export function registerAgentPrompt(server: McpServer, agent: Agent, projects: ProjectContext, options: PromptOptions) {
  return server.registerPrompt(
    agent.name,
    {
      title: agent.title,
      description: agent.description ?? `The ${agent.title} agent`,
      argsSchema: {
        task: z.string().max(20_000).optional().describe('What you want the agent to do; the prompt ends with it.'),
        project: z.string().optional().describe('Absolute path of a project folder to use instead of the current project.'),
      },
    },
    async ({ task, project: projectArg }) => {
      const { project, service } = await projects.target(projectArg);
      let memorySection: string;
      try {
        const { data, indexes } = await service.snapshot();
        const { ordered, total } = pickPromptMemories(data, indexes, agent.name, task);
        memorySection = renderPromptMemory({ projectName: project.name, memories: ordered, total, budget: options.budget });
      } catch (error) {
        if (!isMemoryError(error)) throw error;
        memorySection = `## Project memory\n\n_Unavailable: ${error.message}_`;
      }
      const parts = [agent.body, memorySection];
      if (task?.trim()) parts.push(`## Task\n\n${task.trim()}`);
      return {
        description: `${agent.title} for project ${project.name}`,
        messages: [{ role: 'user' as const, content: { type: 'text' as const, text: parts.join('\n\n') } }],
      };
    },
  );
}
