import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relevance } from '../support/recall-service.js';
import { Sandbox } from '../support/sandbox.js';
import { ok } from '../support/server-process.js';

// Over stdio, read_memories {query} ranks by relevance (synonyms, typos,
// word forms, exact phrase), keeps type/agent filters and the cursor, and its index follows
// writes that another server process makes to the same store.

let sandbox: Sandbox;
let client: Client;
let projectDir: string;

beforeAll(async () => {
  sandbox = new Sandbox();
  projectDir = sandbox.project('warehouse');
  client = await sandbox.startClient(projectDir);
  for (const memory of relevance.memories) {
    expect((await ok(client, 'add_memory', memory)).created).toBe(true);
  }
});
afterAll(() => sandbox.dispose());

const contents = (page: { memories: Array<{ content: string }> }) => page.memories.map((memory) => memory.content);

describe('ranked search through read_memories', () => {
  it.each(relevance.queries)('ranks the best answer to "$query" first ($shows)', async ({ query, best }) => {
    const page = await ok(client, 'read_memories', { query });
    expect(contents(page)[0]).toBe(best);
    expect(page.total).toBe(page.memories.length);
  });

  it('filters a ranked result by type and by agent', async () => {
    const byType = await ok(client, 'read_memories', { query: 'orders table', type: 'performance' });
    expect(byType.memories.map((memory: { type: string }) => memory.type)).toEqual(byType.memories.map(() => 'performance'));
    expect(contents(byType)[0]).toBe('Cluster the orders table by customer_id; most lookups filter on it');

    const qa = await ok(client, 'read_memories', { query: 'rate limit retries', agent: 'qa' });
    expect(contents(qa)).toEqual(['Retry a flaky integration test once, then quarantine it and file a ticket']);
    const engineer = await ok(client, 'read_memories', { query: 'rate limit retries', agent: 'data_engineer' });
    expect(contents(engineer)).not.toContain(contents(qa)[0]);
  });

  it('continues page 1 on page 2 without overlap, in the order of the whole ranking', async () => {
    const whole = await ok(client, 'read_memories', { query: 'events table partition', limit: 200 });
    expect(whole.total).toBeGreaterThanOrEqual(5);

    const first = await ok(client, 'read_memories', { query: 'events table partition', limit: 2 });
    const second = await ok(client, 'read_memories', { query: 'events table partition', limit: 2, cursor: first.nextCursor });

    const ids = (page: { memories: Array<{ id: string }> }) => page.memories.map((memory) => memory.id);
    expect(ids(first)).toHaveLength(2);
    expect(ids(second)).toHaveLength(2);
    expect(ids(second).filter((id) => ids(first).includes(id))).toEqual([]);
    expect([...ids(first), ...ids(second)]).toEqual(ids(whole).slice(0, 4));
    expect(second.total).toBe(whole.total);
  });

  it('refuses a cursor issued for another query, saying what to pass', async () => {
    const first = await ok(client, 'read_memories', { query: 'events table partition', limit: 2 });
    const result = await client.callTool({ name: 'read_memories', arguments: { query: 'spark', limit: 2, cursor: first.nextCursor } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/nextCursor from the previous read_memories call/u);
  });
});

describe('writes from another server process on the same store', () => {
  it('are found by this process once made, and gone once deleted', async () => {
    const other = await sandbox.startClient(projectDir);
    const query = { query: 'kafka consumer lag' };
    expect(contents(await ok(client, 'read_memories', query))).not.toContain('Alert when Kafka consumer lag passes 10k messages');

    const { memory } = await ok(other, 'add_memory', { type: 'performance', content: 'Alert when Kafka consumer lag passes 10k messages' });
    const found = await ok(client, 'read_memories', query);
    expect(found.memories[0]).toEqual(memory);

    await ok(other, 'update_memory', { id: memory.id, content: 'Alert when Kinesis iterator age passes five minutes' });
    expect((await ok(client, 'read_memories', { query: 'kinesis iterator age' })).memories[0]?.id).toBe(memory.id);
    expect((await ok(client, 'read_memories', query)).memories.map((hit: { id: string }) => hit.id)).not.toContain(memory.id);

    await ok(other, 'delete_memory', { id: memory.id });
    const gone = await ok(client, 'read_memories', { query: 'kinesis iterator age' });
    expect(gone.memories.map((hit: { id: string }) => hit.id)).not.toContain(memory.id);
  });
});
