import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawServer } from '../support/raw-server.js';
import { ReliabilitySandbox } from '../support/reliability-sandbox.js';

// Garbage on stdin never kills the server, and it leaves cleanly (exit code 0,
// lock released, store whole) when stdin closes or on SIGTERM / SIGINT.

let sandbox: ReliabilitySandbox;

beforeEach(() => {
  sandbox = new ReliabilitySandbox();
});

afterEach(() => sandbox.dispose());

const startRaw = (): RawServer => sandbox.startRaw();

const addRequests = (raw: RawServer, count: number): Array<Promise<{ result?: any }>> =>
  Array.from({ length: count }, (_, i) => raw.callTool('add_memory', { type: 'context', content: `shutdown burst memory number ${i}` }));

describe('stdin that is not JSON-RPC', () => {
  it('answers a valid initialize after garbage, binary noise and half lines', async () => {
    const raw = startRaw();
    raw.write('this is not json\n');
    raw.write('{\n');
    raw.write(Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x0a]));
    raw.write('{"jsonrpc":"2.0","id":\n'); // a request cut off mid-line
    raw.write('[]\nnull\n"just a string"\n42\n{"jsonrpc":"1.0","id":1}\n\n\r\n');
    raw.write(`{"jsonrpc":"2.0","id":"x","method":${'['.repeat(5_000)}\n`);

    const answer = await raw.initialize();

    expect(answer.error).toBeUndefined();
    expect(answer.result.serverInfo.name).toBe('data-engineer-mcp');
    const info = await raw.callTool('memory_info', {});
    expect(info.result.structuredContent.storePath).toBe(sandbox.storePath);
  });

  it('keeps answering when garbage arrives between requests and a request comes in two pieces', async () => {
    const raw = startRaw();
    await raw.initialize();
    raw.write('}}}} garbage after initialize\n');
    raw.send({ id: 'no-method' });
    raw.send({ id: 500, method: 'no/such/method', params: {} });
    const unknown = await raw.response(500);
    expect(unknown.error?.code).toBe(-32601);

    const request = JSON.stringify({ jsonrpc: '2.0', id: 501, method: 'tools/call', params: { name: 'add_memory', arguments: { type: 'pattern', content: 'split request still stored' } } });
    raw.write(request.slice(0, 40));
    await new Promise((done) => setTimeout(done, 50));
    raw.write(`${request.slice(40)}\n`);
    const added = await raw.response(501);

    expect(added.result.isError).toBeFalsy();
    expect(sandbox.readStore().memories.map((memory) => memory.content)).toEqual(['split request still stored']);
    expect(raw.child.exitCode).toBeNull();
  });
});

describe('very long lines', () => {
  it('answers an extract_memories call whose line is over the SDK default of 10 MiB', async () => {
    const raw = startRaw();
    await raw.initialize();
    // 4 Mi characters is what extract_memories accepts; at 3 bytes each the line is ~12 MiB.
    const text = `# Add To Memory:\nType: pattern\nContent: kept from a very long reply\n#\n${'€'.repeat(4_000_000)}`;

    const answer = await raw.callTool('extract_memories', { text });

    expect(answer.result.isError).toBeFalsy();
    expect(answer.result.structuredContent.added.map((memory: any) => memory.content)).toEqual(['kept from a very long reply']);
  });

  it('exits cleanly rather than lingering unresponsive when a line overflows the input buffer', async () => {
    const raw = startRaw();
    await raw.initialize();
    raw.write(Buffer.alloc(17 * 1024 * 1024, 'x'));

    const exit = await raw.exit();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(existsSync(sandbox.lockPath)).toBe(false);
  });
});

describe('shutdown', () => {
  it('exits with code 0 and leaves no lock when stdin closes, even with writes in flight', async () => {
    const raw = startRaw();
    await raw.initialize();
    await raw.callTool('add_memory', { type: 'context', content: 'stored before stdin closed' });
    const burst = addRequests(raw, 20);
    raw.child.stdin.end();

    const exit = await raw.exit();
    await Promise.allSettled(burst);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(existsSync(sandbox.lockPath)).toBe(false);
    expect(sandbox.readStore().memories.map((memory) => memory.content)).toContain('stored before stdin closed');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits with code 0 on %s in a write storm, lock released, acknowledged writes kept', async (signal) => {
    const raw = startRaw();
    await raw.initialize();
    const acknowledged: string[] = [];
    const burst = addRequests(raw, 40).map((pending) =>
      pending.then((answer) => {
        if (answer.result && !answer.result.isError) acknowledged.push(answer.result.structuredContent.memory.id);
      }, () => undefined),
    );
    await Promise.race(burst);
    raw.child.kill(signal);

    const exit = await raw.exit();
    await Promise.allSettled(burst);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(existsSync(sandbox.lockPath)).toBe(false);
    const stored = new Set(sandbox.readStore().memories.map((memory) => memory.id));
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});
