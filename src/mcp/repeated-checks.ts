import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type CallToolRequest, CallToolRequestSchema, isJSONRPCRequest, type JSONRPCMessage, type JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

type SetRequestHandler = (schema: unknown, handler: unknown) => void;
type RequestHandler = (request: JSONRPCRequest, extra: unknown) => Promise<unknown>;
type ToolCallHandler = (request: Pick<CallToolRequest, 'method' | 'params'>, extra: unknown) => unknown;
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
 * It also routes requests past two schema tests they cannot pass (routeRequestsStraightAway), and
 * takes the tools/call requests clients send without zod (parsePlainToolCallsByHand).
 */
export function skipRepeatedChecks(server: McpServer): void {
  const low = server.server;
  const viaServer = low.setRequestHandler.bind(low) as SetRequestHandler;
  const direct = Protocol.prototype.setRequestHandler as unknown as (this: unknown, ...args: Parameters<SetRequestHandler>) => void;
  (low as { setRequestHandler: unknown }).setRequestHandler = (schema: unknown, handler: unknown) => {
    if (schema !== CallToolRequestSchema) return viaServer(schema, handler);
    direct.call(low, schema, handler);
    parsePlainToolCallsByHand(low, handler as ToolCallHandler);
  };
  // A private method of McpServer (SDK 1.x); if a later SDK renames it, the check simply runs again.
  (server as unknown as { validateToolOutput: () => Promise<void> }).validateToolOutput = async () => undefined;
  routeRequestsStraightAway(low);
}

/**
 * Protocol parses each tools/call request with CallToolRequestSchema before the handler: ~0.075 ms
 * after a 24 ms pause, 0.033 back to back (in-process, SDK 1.32.2), for what is almost always a
 * name and a plain object of arguments. Such a request (isPlainToolCall) gets the `{ method,
 * params }` that parse gives; any other is parsed as before, and refused in the same words.
 */
function parsePlainToolCallsByHand(low: McpServer['server'], handler: ToolCallHandler): void {
  // Private in SDK 1.x; if a later SDK renames it, every call is parsed as before.
  const handlers = (low as unknown as { _requestHandlers?: Map<string, RequestHandler> })._requestHandlers;
  const parsing = handlers?.get('tools/call');
  if (handlers === undefined || parsing === undefined) return;
  handlers.set('tools/call', (request, extra) =>
    isPlainToolCall(request) ? Promise.resolve(handler({ method: request.method, params: request.params }, extra)) : parsing(request, extra),
  );
}

/**
 * Whether a request is a tools/call CallToolRequestSchema takes as it stands: params holding a
 * string `name` and, if any, plain-object `arguments`, and nothing else (no `_meta`, no `task`),
 * which it parses to the same params. tests/unit/plain-tool-call.test.ts holds the two together.
 */
export function isPlainToolCall(request: { method?: unknown; params?: unknown }): request is Pick<CallToolRequest, 'method' | 'params'> {
  const params = request.params;
  if (request.method !== 'tools/call' || !isPlainObject(params)) return false;
  for (const key of Object.keys(params)) if (key !== 'name' && key !== 'arguments') return false;
  const args = (params as { arguments?: unknown }).arguments;
  // An own `__proto__` key is one the schema's copy of the record would not keep as a key.
  return typeof (params as { name?: unknown }).name === 'string' && (args === undefined || (isPlainObject(args) && !Object.hasOwn(args, '__proto__')));
}

const isPlainObject = (value: unknown): value is object => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

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
