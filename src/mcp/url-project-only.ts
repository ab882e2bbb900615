import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { invalidArguments } from './readable-errors.js';

type Handler = (request: { params: { name?: string; arguments?: Record<string, unknown> } }, extra: unknown) => unknown;

/** Why a team server takes no `project` argument, and where to go instead; tools and the prompt say the same. */
export const urlProjectRefusal = (projectName: string, urlPath: string): string =>
  `project is not taken by this team server: each URL serves one project, and this one (${urlPath}) serves "${projectName}". ` +
  'Leave project out, or connect to /mcp/<other project> for another one.';

/**
 * A team server session reaches the project of its URL and no other. A per-call `project` is a
 * path on the server's disk (stdio's way to reach a neighbouring checkout): over HTTP it would let
 * any token holder write to any project and probe which paths exist. So the tools list no
 * `project` argument here, and a call that sends one anyway is refused with isError naming it —
 * never run against the URL's project instead, which would put the memory where the caller did
 * not ask. The prompt keeps its second argument (Claude Code hands each word of a slash command
 * to the next argument) as more of the task; a path there is refused by ProjectContext.
 *
 * Like answerInOurWords, this wraps registerTool/registerPrompt and setRequestHandler, so it is
 * installed before anything is registered, and before answerInOurWords, whose handlers then run
 * inside this refusal (a call with a project is refused whatever else is wrong with it).
 */
export function offerOnlyTheUrlProject(server: McpServer, projectName: string, urlPath: string): void {
  const registerTool = server.registerTool.bind(server) as (...args: unknown[]) => unknown;
  (server as { registerTool: unknown }).registerTool = (name: string, config: { inputSchema?: z.ZodRawShape }, ...rest: unknown[]) =>
    registerTool(name, { ...config, ...(config.inputSchema ? { inputSchema: withoutProject(config.inputSchema) } : {}) }, ...rest);

  const registerPrompt = server.registerPrompt.bind(server) as (...args: unknown[]) => unknown;
  (server as { registerPrompt: unknown }).registerPrompt = (name: string, config: { argsSchema?: z.ZodRawShape }, ...rest: unknown[]) => {
    const project = config.argsSchema?.project;
    if (!project) return registerPrompt(name, config, ...rest);
    const described = (project as z.ZodOptional<z.ZodString>).describe(
      `More words of the task (Claude Code passes each word of a slash command as the next argument). The project is this URL's, "${projectName}"; a path here is refused.`,
    );
    return registerPrompt(name, { ...config, argsSchema: { ...config.argsSchema, project: described } }, ...rest);
  };

  const low = server.server;
  const setRequestHandler = low.setRequestHandler.bind(low) as (schema: unknown, handler: Handler) => void;
  (low as { setRequestHandler: unknown }).setRequestHandler = (schema: unknown, handler: Handler) => {
    if (schema !== CallToolRequestSchema) return setRequestHandler(schema, handler);
    setRequestHandler(schema, async (request, extra) => {
      const args = request.params.arguments;
      if (args && typeof args === 'object' && 'project' in args) return invalidArguments(request.params.name ?? '', urlProjectRefusal(projectName, urlPath));
      return handler(request, extra);
    });
  };
}

const withoutProject = (shape: z.ZodRawShape): z.ZodRawShape => Object.fromEntries(Object.entries(shape).filter(([key]) => key !== 'project'));
