import { StreamableHTTPServerTransport, type StreamableHTTPServerTransportOptions } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, isJSONRPCResultResponse } from '@modelcontextprotocol/sdk/types.js';

/**
 * The SDK's Streamable HTTP transport with a bound on each reply. A reply past the bound (an
 * export of a huge store, a page asked for with a huge limit) is replaced by a JSON-RPC error that
 * says how to ask for less, rather than tying up the server and the network with it.
 */
export class BoundedTransport extends StreamableHTTPServerTransport {
  constructor(
    options: StreamableHTTPServerTransportOptions,
    private readonly maxReplyBytes: number,
  ) {
    super(options);
  }

  override async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return super.send(this.bounded(message), options);
  }

  private bounded(message: JSONRPCMessage): JSONRPCMessage {
    if (!isJSONRPCResultResponse(message)) return message;
    const bytes = Buffer.byteLength(JSON.stringify(message));
    if (bytes <= this.maxReplyBytes) return message;
    return {
      jsonrpc: '2.0',
      id: message.id,
      error: {
        code: -32603,
        message:
          `The reply (${bytes} bytes) is over this server's ${this.maxReplyBytes}-byte limit for one reply. ` +
          'Ask for less: a smaller limit with cursor paging, a type or agent filter, or an export per agent.',
      },
    };
  }
}
