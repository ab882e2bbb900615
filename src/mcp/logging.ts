import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type LoggingLevel, SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from './tool-result.js';

const SEVERITY: readonly LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const rank = (level: LoggingLevel) => SEVERITY.indexOf(level);

/**
 * Sends log lines to the client as MCP `notifications/message` as well as to the human log
 * (stderr). The client's `logging/setLevel` is honoured; until it sets one, debug chatter
 * (every write) stays off the wire so clients that never ask are not flooded.
 */
export function clientLogging(server: McpServer, humanLog: Logger): { log: Logger; toClient: Logger } {
  let clientLevel: LoggingLevel = 'info';
  server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    clientLevel = request.params.level;
    return {};
  });
  const toClient: Logger = (level, message) => {
    if (!server.isConnected() || rank(level) < rank(clientLevel)) return;
    void server.sendLoggingMessage({ level, logger: 'data-engineer-mcp', data: message }).catch(() => undefined);
  };
  const log: Logger = (level, message) => {
    humanLog(level, message);
    toClient(level, message);
  };
  return { log, toClient };
}
