import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isMemoryError } from '../domain/errors.js';

export type Logger = (level: 'debug' | 'info' | 'warning' | 'error', message: string) => void;

export function toolResult(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/**
 * The one place errors become tool results. A MemoryError is the user's to fix and its message
 * says how; anything else is our bug, so its stack goes to the log and the client gets a short
 * message with no internals or data in it.
 */
export function errorResult(error: unknown, log: Logger): CallToolResult {
  if (isMemoryError(error)) return { content: [{ type: 'text', text: error.message }], isError: true };
  log('error', `internal error: ${(error as Error)?.stack ?? String(error)}`);
  return {
    content: [{ type: 'text', text: 'Internal error in data-engineer-mcp; nothing was changed. The server log (stderr) has details; please report it.' }],
    isError: true,
  };
}

/** Wraps a tool handler so that every failure becomes an `isError` result and never a crash. */
export function guarded<A, E>(log: Logger, handler: (args: A, extra: E) => Promise<CallToolResult>): (args: A, extra: E) => Promise<CallToolResult> {
  return async (args, extra) => {
    try {
      return await handler(args, extra);
    } catch (error) {
      return errorResult(error, log);
    }
  };
}
