import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, isJSONRPCRequest, type JSONRPCMessage, type JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

type SetRequestHandler = (schema: unknown, handler: unknown) => void;
type Route = NonNullable<Transport['onmessage']>;

/**
 * Leaves out, on this one server, three zod parses the SDK repeats on every tool call, none of
 * which can fail for what this server sends, and each of which the client makes again:
 *
 * - Server wraps the tools/call handler to parse the request a second time with the
 *   CallToolRequestSchema that Protocol has just parsed it with, and our result with
 *   CallToolResultSchema (the SDK client parses every result with it);
 * - McpServer parses each structuredContent with the tool's outputSchema (the SDK client checks
 *   it against the listed outputSchema; tests/contract/tools.test.ts lists the tools first, so
 *   every contract test there checks our results the way a client does).
 *
 * A ranked read at 10,000 memories spent ~110 µs of its ~1 ms there once another process had
 * run between two calls, as the bench interleaves the reference server (in-process, alternating
 * builds: over the search 345-381 → 240-271 µs with the argument parse of readable-errors.ts).
 * Server's wrapper also checked a task-augmented call's result as a created task; no tool here
 * runs as a task, so such a call gets the tool's result. Installed before anything else wraps
 * setRequestHandler (url-project-only.ts, readable-errors.ts), so their handlers stay outside.
 * It also routes requests past two schema tests they cannot pass (routeRequestsStraightAway).
 */
export function skipRepeatedChecks(server: McpServer): void {
  const low = server.server;
  const viaServer = low.setRequestHandler.bind(low) as SetRequestHandler;
  const direct = Protocol.prototype.setRequestHandler as unknown as (this: unknown, ...args: Parameters<SetRequestHandler>) => void;
  (low as { setRequestHandler: unknown }).setRequestHandler = (schema: unknown, handler: unknown) =>
    schema === CallToolRequestSchema ? direct.call(low, schema, handler) : viaServer(schema, handler);
  // A private method of McpServer (SDK 1.x); if a later SDK renames it, the check simply runs again.
  (server as unknown as { validateToolOutput: () => Promise<void> }).validateToolOutput = async () => undefined;
  routeRequestsStraightAway(low);
}

/**
 * Protocol routes each incoming message by testing it against the JSON-RPC result and error
 * response schemas, then the request schema. Both response schemas are strict and have no
 * `method`, so a message with one can never pass them: such a message goes straight to the request
 * test, and on to Protocol's request handling when it passes, as Protocol would have sent it.
 * Anything else takes Protocol's own route. The two failed parses (zod builds the issues of each)
 * were ~0.05 ms of a ranked read's ~1 ms in the server after a pause (npm run bench --only size).
 * Installed only on a transport that had no message handler of its own, which Protocol would also
 * have called.
 */
function routeRequestsStraightAway(low: McpServer['server']): void {
  const connect = low.connect.bind(low);
  // Private in SDK 1.x; if a later SDK renames it, messages take Protocol's route as before.
  const handleRequest = (low as unknown as { _onrequest?: Route })._onrequest?.bind(low);
  if (handleRequest === undefined) return;
  low.connect = async (transport) => {
    const ownHandler = transport.onmessage;
    await connect(transport);
    const protocolRoute = transport.onmessage;
    if (ownHandler !== undefined || protocolRoute === undefined) return;
    transport.onmessage = (message, extra) => {
      if (hasMethod(message) && isJSONRPCRequest(message)) handleRequest(message, extra);
      else protocolRoute(message, extra);
    };
  };
}

const hasMethod = (message: JSONRPCMessage): message is JSONRPCRequest => typeof message === 'object' && message !== null && Object.hasOwn(message, 'method');
