/**
 * A JSON-RPC error sent as it is: the SDK answers whatever a handler throws with its `code`
 * and `message`. (An McpError's message already starts "MCP error -32602: ", and the client's
 * McpError adds that prefix again, so clients showed it twice.)
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** MCP's "resource not found" (https://modelcontextprotocol.io/specification/2025-11-25/server/resources#error-handling). */
export const RESOURCE_NOT_FOUND = -32002;
