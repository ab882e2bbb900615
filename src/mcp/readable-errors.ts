import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, type CallToolResult, McpError, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ProtocolError, RESOURCE_NOT_FOUND } from './protocol-error.js';
import { describeIssues } from './tool-arguments.js';

type Handler = (request: { params: { name?: string; arguments?: unknown } }, extra: unknown) => unknown;

/**
 * Two things the SDK words for itself, answered in ours, on this one server instance:
 *
 * - Tool arguments. The SDK checks them against the input schema before our handler runs and
 *   answers "MCP error -32602: Input validation error: Invalid arguments for tool add_memory: …
 *   at type". The 2025-11-25 spec asks for input validation failures as tool results with
 *   isError, worded so the model can correct itself
 *   (https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling).
 *   A call the SDK refused is parsed with the tool's own zod schema; a failure answers which
 *   field, which rule, the value given and what to do.
 * - Refusals about the memory folder get `annotateRefusal`'s note (which folder, chosen by what).
 * - Protocol errors. An McpError thrown anywhere (the SDK's "Prompt x not found", a bad prompt
 *   argument) is sent without the "MCP error <code>:" prefix its message carries, which the
 *   client would add a second time; an unknown resource is MCP's -32002.
 *
 * The SDK has no hook for either, so registerTool (to learn each tool's schema) and
 * setRequestHandler (to wrap the handlers it installs) are wrapped before any tool is registered.
 */
export function answerInOurWords(server: McpServer, annotateRefusal: (text: string) => string = (text) => text): void {
  const schemas = new Map<string, z.ZodType>();
  const registerTool = server.registerTool.bind(server) as (...args: unknown[]) => unknown;
  (server as { registerTool: unknown }).registerTool = (name: string, config: { inputSchema?: unknown }, ...rest: unknown[]) => {
    if (config.inputSchema) schemas.set(name, config.inputSchema instanceof z.ZodType ? config.inputSchema : z.object(config.inputSchema as z.ZodRawShape));
    return registerTool(name, config, ...rest);
  };
  const low = server.server;
  const setRequestHandler = low.setRequestHandler.bind(low) as (schema: unknown, handler: Handler) => void;
  (low as { setRequestHandler: unknown }).setRequestHandler = (schema: unknown, handler: Handler) => {
    const inner: Handler = schema === CallToolRequestSchema ? refusalsInOurWords(schemas, handler, annotateRefusal) : handler;
    setRequestHandler(schema, withPlainErrors(inner, schema === ReadResourceRequestSchema));
  };
}

/**
 * The SDK parses the arguments with the same schema before the tool runs, and answers a failure
 * as an isError result: only then are they parsed here again, for our words (one parse per call
 * instead of two, part of the ~110 µs of repeated-checks.ts).
 */
function refusalsInOurWords(schemas: ReadonlyMap<string, z.ZodType>, handler: Handler, annotateRefusal: (text: string) => string): Handler {
  return async (request, extra) => {
    const result = (await handler(request, extra)) as CallToolResult;
    if (!result.isError) return result;
    const { name = '', arguments: args } = request.params;
    const parsed = await schemas.get(name)?.safeParseAsync(args ?? {});
    if (parsed?.success === false) return invalidArguments(name, describeIssues(parsed.error.issues, args ?? {}));
    const [first, ...rest] = result.content ?? [];
    if (first?.type !== 'text') return result;
    return { ...result, content: [{ ...first, text: annotateRefusal(first.text) }, ...rest] };
  };
}

export function invalidArguments(tool: string, problems: string): CallToolResult {
  const list = problems.split('\n').map((problem) => `- ${problem}`).join('\n');
  return {
    content: [{ type: 'text', text: `${tool} was not run: its arguments do not fit.\n${list}\nNothing was stored or changed; call ${tool} again with these fixed.` }],
    isError: true,
  };
}

function withPlainErrors(handler: Handler, readsResources: boolean): Handler {
  return async (request, extra) => {
    try {
      return await handler(request, extra);
    } catch (error) {
      if (!(error instanceof McpError)) throw error;
      const message = error.message.replace(/^MCP error -?\d+: /u, '');
      // The SDK's own answer when no resource or template matches the URI.
      if (readsResources && /^Resource .* not found$/u.test(message)) throw new ProtocolError(RESOURCE_NOT_FOUND, message, error.data);
      throw new ProtocolError(error.code, message, error.data);
    }
  };
}
