import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Agent } from '../domain/agents/agent-schema.js';
import { isMemoryError } from '../domain/errors.js';
import { pickPromptMemories } from '../domain/pick-prompt-memories.js';
import { renderPromptMemory } from '../domain/prompt-memory.js';
import { renderMemoryHowTo } from './memory-how-to.js';
import type { ProjectContext } from './project-context.js';

export interface PromptOptions {
  budget: number;
}

/**
 * Each agent is a prompt: its body, how memory is saved and searched here, then this project's
 * memory of that agent, then the task.
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
        project: z
          .string()
          .optional()
          .describe('Absolute path of a project folder (e.g. /home/me/shop) to use instead of the current one; a value without "/" is read as more of the task.'),
      },
    },
    async (args) => {
      const { task, projectArg } = splitArguments(args.task, args.project);
      const { project, service } = await projects.target(projectArg).catch((error: unknown) => {
        // A bad project argument is the caller's to fix: an invalid-params error, not an internal one.
        throw isMemoryError(error) ? new McpError(ErrorCode.InvalidParams, error.message) : error;
      });
      let memorySection: string;
      try {
        const { data, indexes } = await service.snapshot();
        const { ordered, total, basis } = pickPromptMemories(data, indexes, agent.name, task);
        memorySection = renderPromptMemory({ projectName: project.name, memories: ordered, total, budget: options.budget, basis });
      } catch (error) {
        if (!isMemoryError(error)) throw error;
        memorySection = `## Project memory\n\n_Unavailable: ${error.message}_`;
      }
      const parts = [agent.body, renderMemoryHowTo(agent.name), memorySection];
      if (task?.trim()) parts.push(`## Task\n\n${task.trim()}`);
      return {
        description: `${agent.title} for project ${project.name}`,
        messages: [{ role: 'user' as const, content: { type: 'text' as const, text: parts.join('\n\n') } }],
      };
    },
  );
}

/**
 * Claude Code fills prompt arguments from the words after the slash command, one word each
 * (anthropics/claude-code#14210, #70284), so "/…data_engineer design a schema" arrives as
 * task "design", project "a schema". A project value with no path separator cannot be a path:
 * it is the rest of the task. Anything path-like is still checked as a project.
 */
function splitArguments(task: string | undefined, project: string | undefined): { task?: string; projectArg?: string } {
  if (project === undefined || /[\\/]/u.test(project)) return { task, projectArg: project };
  return { task: [task, project].filter(Boolean).join(' ') };
}
