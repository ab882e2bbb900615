import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StdioLineTransport } from '../../src/cli/stdio-transport.js';

// The stdio server's transport: newline-delimited JSON as the SDK's StdioServerTransport reads
// and writes it, without its zod parse of each line (Protocol routes and refuses messages).

/** Lets the stream deliver what was written (it starts flowing a tick after a 'data' listener). */
const delivered = () => new Promise((done) => setImmediate(done));

function started(maxBufferSize = 1_000) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const transport = new StdioLineTransport(stdin, stdout, maxBufferSize);
  const messages: unknown[] = [];
  const errors: Error[] = [];
  let closed = 0;
  transport.onmessage = (message) => messages.push(message);
  transport.onerror = (error) => errors.push(error);
  transport.onclose = () => closed++;
  void transport.start();
  return { stdin, stdout, transport, messages, errors, closed: () => closed };
}

describe('stdio line transport', () => {
  it('hands on each line as parsed JSON, across chunks and with CRLF line ends', async () => {
    const { stdin, messages } = started();
    stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n{"jsonrpc":"2.0",');
    stdin.write('"method":"notifications/initialized"}\r\n{"jsonrpc":"2.0","id":2,');
    await delivered();
    expect(messages).toEqual([{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', method: 'notifications/initialized' }]);
    stdin.write('"method":"ping"}\n');
    await delivered();
    expect(messages).toHaveLength(3);
  });

  it('reports a line that is not JSON and reads the next one', async () => {
    const { stdin, messages, errors } = started();
    stdin.write('not json\n{"jsonrpc":"2.0","id":3,"method":"ping"}\n');
    await delivered();
    expect(errors).toHaveLength(1);
    expect(messages).toEqual([{ jsonrpc: '2.0', id: 3, method: 'ping' }]);
  });

  it('reads on when a handler throws, reporting the error', async () => {
    const { stdin, transport, messages, errors } = started();
    transport.onmessage = (message) => {
      messages.push(message);
      if (messages.length === 1) throw new Error('handler failed');
    };
    stdin.write('1\n2\n');
    await delivered();
    expect(messages).toEqual([1, 2]);
    expect(errors.map((error) => error.message)).toEqual(['handler failed']);
  });

  it('closes, reporting it, when more than the limit arrives without a line end', async () => {
    const { stdin, messages, errors, closed } = started(100);
    stdin.write('x'.repeat(60));
    stdin.write(`${'x'.repeat(60)}\n{"jsonrpc":"2.0","id":4,"method":"ping"}\n`);
    await delivered();
    expect(errors[0]?.message).toMatch(/more than 100 bytes/u);
    expect(closed()).toBe(1);
    stdin.write('{"jsonrpc":"2.0","id":5,"method":"ping"}\n');
    await delivered();
    expect(messages).toEqual([]);
  });

  it('writes each message as one line of JSON', async () => {
    const { stdout, transport } = started();
    await transport.send({ jsonrpc: '2.0', id: 6, result: {} });
    expect(stdout.read()?.toString()).toBe('{"jsonrpc":"2.0","id":6,"result":{}}\n');
  });
});
