import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relevance } from '../support/recall-service.js';
import { type ContractServer, contractServer } from '../support/contract-server.js';
import { ok } from '../support/server-process.js';

// read_memories {query} ranks by relevance (synonyms, typos, word forms, exact phrase), and keeps
// type/agent filters and the cursor. That its index follows another process's writes is in
// tests/e2e/recall-other-process.test.ts.

let server: ContractServer;
let client: Client;

beforeAll(async () => {
  server = await contractServer();
  client = server.client;
  for (const memory of relevance.memories) {
    expect((await ok(client, 'add_memory', memory)).created).toBe(true);
  }
});
afterAll(() => server.close());

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
