import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * The SDK's StdioServerTransport (newline-delimited JSON on stdin and stdout) less one step: it
 * parses every line with zod's JSONRPCMessageSchema before handing it on, and Protocol then tests
 * the message against the same schemas (isJSONRPCRequest, …) to route it. So a line that is JSON
 * but no JSON-RPC message is still refused there, as before: reported to onerror, never answered.
 * That first parse was ~0.14 ms of a ranked read's ~1.1 ms in the server once another process had
 * run between two calls, as `npm run bench` interleaves the reference server (issue #17).
 * Line splitting, the size limit and what happens past it are the SDK's.
 */
export class StdioLineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  #buffer: Buffer | undefined;
  #started = false;
  #closed = false;

  constructor(
    private readonly stdin: NodeJS.ReadableStream,
    private readonly stdout: NodeJS.WritableStream,
    /** Bytes of input not yet split into lines that may be held; more closes the transport. */
    private readonly maxBufferSize: number,
  ) {}

  async start(): Promise<void> {
    if (this.#started) throw new Error('StdioLineTransport already started (McpServer.connect starts it)');
    this.#started = true;
    this.stdin.on('data', this.#onData);
    this.stdin.on('error', this.#onError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((sent) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) sent();
      else this.stdout.once('drain', sent);
    });
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.#onData);
    this.stdin.off('error', this.#onError);
    this.#closed = true;
    // As the SDK's: pause stdin only when nothing else reads it.
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.#buffer = undefined;
    this.onclose?.();
  }

  readonly #onError = (error: Error): void => this.onerror?.(error);

  readonly #onData = (chunk: Buffer): void => {
    const size = (this.#buffer?.length ?? 0) + chunk.length;
    if (size > this.maxBufferSize) {
      this.#buffer = undefined;
      this.onerror?.(new Error(`stdin held more than ${this.maxBufferSize} bytes without a line end`));
      this.close().catch(() => {});
      return;
    }
    let buffer = this.#buffer ? Buffer.concat([this.#buffer, chunk]) : chunk;
    for (let end = buffer.indexOf(0x0a); end !== -1 && !this.#closed; end = buffer.indexOf(0x0a)) {
      const line = buffer.toString('utf8', 0, end).replace(/\r$/u, '');
      buffer = buffer.subarray(end + 1);
      try {
        this.onmessage?.(JSON.parse(line) as JSONRPCMessage);
      } catch (error) {
        // Not JSON, or a handler that threw: the next line is read all the same, as by the SDK's.
        this.onerror?.(error as Error);
      }
    }
    this.#buffer = buffer.length > 0 && !this.#closed ? buffer : undefined;
  };
}
