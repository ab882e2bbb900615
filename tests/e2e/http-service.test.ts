import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { addToken } from '../../src/http/token-file.js';
import { HttpProcess } from '../support/http-process.js';
import { ok, tempDir } from '../support/server-process.js';

// `serve --http` as a service: what only a process shows (signals, exit code, its stderr).

let root: string;
const running: HttpProcess[] = [];
afterEach(() => {
  running.forEach((server) => server.kill());
  running.length = 0;
  rmSync(root, { recursive: true, force: true });
});

function start(tokensFile: string): HttpProcess {
  const server = new HttpProcess(['--tokens-file', tokensFile, '--rate-limit', '100000'], { DATA_ENGINEER_MEMORY_DIR: join(root, 'memory') }, root);
  running.push(server);
  return server;
}

describe('the team server as a service', () => {
  it('on SIGTERM under load finishes what is in flight, exits 0, and loses no acknowledged write', async () => {
    root = tempDir('dem-http-e2e-');
    const tokensFile = join(root, 'tokens.json');
    const token = addToken(tokensFile, 'alice');
    const server = start(tokensFile);
    const clients = await Promise.all(Array.from({ length: 8 }, () => server.client(token, 'shop')));
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (client: Client, n: number) => {
      for (let i = 0; !stop && i < 200; i++) {
        try {
          const result = await client.callTool({ name: 'add_memory', arguments: { type: 'pattern', content: `Writer ${n} learned lesson ${i} about partition pruning` } });
          if (!result.isError) acknowledged.push((result.structuredContent as { memory: { id: string } }).memory.id);
        } catch {
          return; // refused (503) or cut off: never acknowledged, so it may be lost
        }
      }
    };
    const writers = clients.map((client, n) => writer(client, n));
    while (acknowledged.length < 40) await new Promise((tick) => setTimeout(tick, 20));
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    stop = true;
    await Promise.all(writers);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr).toContain('SIGTERM: finishing the requests in flight');
    const reader = start(tokensFile);
    const exported = await ok(await reader.client(token, 'shop'), 'export_memories', { format: 'json' });
    const ids = new Set(JSON.parse(exported.text).memories.map((memory: { id: string }) => memory.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  });

  it('logs one access line per request with the token name and never the token', async () => {
    root = tempDir('dem-http-e2e-');
    const tokensFile = join(root, 'tokens.json');
    const token = addToken(tokensFile, 'ci-bot');
    const server = start(tokensFile);
    const client = await server.client(token, 'shop');
    await ok(client, 'add_memory', { type: 'context', content: 'Nightly loads run at 02:00 UTC' });
    await client.close();
    server.child.kill('SIGTERM');
    await server.exited;
    expect(server.stderr).toMatch(/POST shop tools\/call:add_memory ci-bot 200 \d+ms/);
    expect(server.stderr).toMatch(/POST shop initialize ci-bot 200 \d+ms/);
    expect(server.stderr).not.toContain(token);
  });
});
