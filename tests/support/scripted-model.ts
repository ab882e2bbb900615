import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A content block the scripted model answers with. */
export type ScriptedBlock = { type: 'text'; text: string } | { type: 'tool_use'; name: string; input: Record<string, unknown> };

/** One request as Claude Code sent it to /v1/messages. */
export interface RecordedRequest {
  body: MessagesRequest;
  /** The whole body as text, to look for what hooks put into the conversation. */
  raw: string;
}

export interface MessagesRequest {
  model: string;
  system?: unknown;
  messages: Array<{ role: string; content: unknown }>;
  tools?: Array<{ name: string }>;
}

/** Picks the reply to a request; `undefined` answers with a plain "ok". */
export type Script = (request: MessagesRequest, index: number) => ScriptedBlock[] | undefined;

/**
 * A stand-in for the Anthropic Messages API on 127.0.0.1: it answers POST /v1/messages with the
 * streaming SSE events of the blocks the script returns, and records every request body.
 * Anything else (token counts, telemetry) gets an empty 200 so the client carries on.
 */
export class ScriptedModel {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private toolIds = 0;

  constructor(public script: Script = () => undefined) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((done) => this.server?.close(done) ?? done(undefined));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'POST' || path !== '/v1/messages') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const body = JSON.parse(raw) as MessagesRequest & { stream?: boolean };
    const index = this.requests.push({ body, raw }) - 1;
    const blocks = this.script(body, index) ?? [{ type: 'text', text: 'ok' }];
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of this.events(body.model, blocks)) response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    response.end();
  }

  private *events(model: string, blocks: ScriptedBlock[]): Generator<{ type: string } & Record<string, unknown>> {
    const usage = { input_tokens: 10, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    yield {
      type: 'message_start',
      message: { id: `msg_${Date.now()}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage },
    };
    let index = 0;
    for (const block of blocks) {
      if (block.type === 'text') {
        yield { type: 'content_block_start', index, content_block: { type: 'text', text: '' } };
        yield { type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } };
      } else {
        const id = `toolu_${String(++this.toolIds).padStart(4, '0')}`;
        yield { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name: block.name, input: {} } };
        yield { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } };
      }
      yield { type: 'content_block_stop', index };
      index++;
    }
    const toolUse = blocks.some((block) => block.type === 'tool_use');
    yield { type: 'message_delta', delta: { stop_reason: toolUse ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 10 } };
    yield { type: 'message_stop' };
  }
}
