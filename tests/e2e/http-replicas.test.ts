import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addToken } from '../../src/http/token-file.js';
import { HttpProcess } from '../support/http-process.js';
import { freshDatabase, query } from '../support/postgres.js';
import { call, ok, tempDir, textOf } from '../support/server-process.js';
import { record } from '../support/surface-client.js';
import { waitFor } from '../support/wait-for.js';

// Two replicas of the team server on one PostgreSQL database, as behind a load balancer.

let root: string;
let url: string;
let token: string;
const replicas: HttpProcess[] = [];

beforeEach(async () => {
  root = tempDir('dem-http-replicas-');
  url = await freshDatabase();
  token = addToken(join(root, 'tokens.json'), 'alice');
});
const startReplicas = (ratePerMinute = 100_000) => {
  for (let i = 0; i < 2; i++) {
    replicas.push(new HttpProcess(['--tokens-file', join(root, 'tokens.json'), '--rate-limit', String(ratePerMinute)], { DATA_ENGINEER_STORE: url }, root));
  }
};
afterEach((context) => {
  if (context.task.result?.state === 'fail') replicas.forEach((replica, i) => process.stderr.write(`replica ${i} stderr:\n${replica.stderr.slice(-3000)}\n`));
  replicas.forEach((replica) => replica.kill());
  replicas.length = 0;
  rmSync(root, { recursive: true, force: true });
});

describe('two replicas on one PostgreSQL', () => {
  it('keeps every add and doubles none when 20 clients spread over both add 25 each, 5 the same everywhere', async () => {
    startReplicas();
    const clients = await Promise.all(Array.from({ length: 20 }, (_, c) => replicas[c % 2]!.client(token, 'warehouse')));
    const results = await Promise.all(
      clients.flatMap((client, c) =>
        Array.from({ length: 25 }, (_, i) =>
          call(client, 'add_memory', { type: 'pattern', content: i < 5 ? `Shared rule ${i} every engineer learned` : `Finding c${c}n${i} of a client under load` }),
        ),
      ),
    );

    expect(results.filter((result) => result.isError).map(textOf)).toEqual([]);
    const stored = (await query<{ content: string }>(url, 'SELECT content FROM data_engineer.memories')).map((row) => row.content);
    expect(stored).toHaveLength(5 + 20 * 20);
    expect(new Set(stored).size).toBe(stored.length);
    expect(results.filter((result) => result.structuredContent.created)).toHaveLength(405);
    for (const replica of replicas) expect((await ok(await replica.client(token, 'warehouse'), 'read_memories', { limit: 1 })).total).toBe(405);
    // 500 adds take turns on the project's row lock: over a minute on the loaded 2-core test machine.
  }, 300_000);

  it('tells a subscriber on replica B of a write made through replica A', async () => {
    startReplicas();
    const watcher = await replicas[1]!.client(token, 'warehouse');
    const writer = await replicas[0]!.client(token, 'warehouse');
    const updates = record(watcher, ResourceUpdatedNotificationSchema);
    await watcher.subscribeResource({ uri: 'memory://data_engineer' });

    await ok(writer, 'add_memory', { type: 'architecture', content: 'Bronze, silver and gold layers in the lake' });

    await waitFor('resources/updated on replica B', () => updates.some((note) => note.params.uri === 'memory://data_engineer'));
    const { contents } = await watcher.readResource({ uri: 'memory://data_engineer' });
    expect(JSON.stringify(contents)).toContain('Bronze, silver and gold layers in the lake');
    const [row] = await query<{ extra: unknown }>(url, 'SELECT extra FROM data_engineer.memories');
    expect(JSON.stringify(row?.extra)).toContain('alice');
  });

  it('holds one rate limit per token across both replicas: requests spread over them are counted together', async () => {
    const bob = addToken(join(root, 'tokens.json'), 'bob');
    startReplicas(10);
    const bases = await Promise.all(replicas.map((replica) => replica.url()));
    const list = (base: string, bearer: string) =>
      fetch(`${base}/mcp/warehouse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await list(bases[i % 2]!, token)).status);
    const refused = await list(bases[1]!, token);

    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('at most 10 requests a minute for alice');
    expect((await list(bases[0]!, bob)).status).toBe(200);
  });
});
