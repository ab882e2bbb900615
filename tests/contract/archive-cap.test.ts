import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';
import { call, ok } from '../support/server-process.js';
import { storedMemories } from '../support/store-files.js';

// With DATA_ENGINEER_MAX_MEMORIES_PER_AGENT=5, adding 8 leaves 5
// active and moves the 3 oldest to the archive in the same store; nothing is deleted; one can
// be restored (the cap then archives the next-oldest); the cap counts each agent on its own.

const contentOf = (n: number) => `Source system ${n} loads into schema raw_${n}`;
const contents = (page: { memories: Array<{ content: string }> }) => page.memories.map((memory) => memory.content);

let client: Client;
const ids: string[] = [];

useContractServer('file', (server) => ({ client } = server), { maxMemoriesPerAgent: 5 });
beforeAll(async () => {
  // Listing first makes the SDK client check every structuredContent against the tool's outputSchema.
  await client.listTools();
  for (let n = 1; n <= 3; n++) await ok(client, 'add_memory', { type: 'context', content: contentOf(n), agent: 'qa' });
  for (let n = 1; n <= 8; n++) ids.push((await ok(client, 'add_memory', { type: 'context', content: contentOf(n) })).memory.id);
});

describe('past the per-agent cap', () => {
  it('keeps 5 active and lists the 3 oldest in the archive', async () => {
    const active = await ok(client, 'read_memories', { agent: 'data_engineer' });
    const archive = await ok(client, 'read_memories', { agent: 'data_engineer', archived: true });

    expect(active.total).toBe(5);
    expect(contents(active)).toEqual([8, 7, 6, 5, 4].map(contentOf));
    expect(contents(archive).sort()).toEqual([1, 2, 3].map(contentOf).sort());
    expect(archive.memories.every((memory: { archivedAt?: string }) => typeof memory.archivedAt === 'string')).toBe(true);
  });

  it('deletes nothing: the store file holds all 8', async () => {
    const mine = (await storedMemories(client)).filter((memory) => memory.agent === 'data_engineer');
    expect(mine.map((memory) => memory.content).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(contentOf).sort());
    expect(mine.filter((memory) => memory.archivedAt !== undefined)).toHaveLength(3);
  });

  it("leaves another agent's memories alone", async () => {
    const qa = await ok(client, 'read_memories', { agent: 'qa' });
    expect(contents(qa).sort()).toEqual([1, 2, 3].map(contentOf).sort());
    expect((await ok(client, 'read_memories', { agent: 'qa', archived: true })).total).toBe(0);
  });

  it('counts active and archived apart in memory_info', async () => {
    const { counts } = await ok(client, 'memory_info');
    expect(counts).toMatchObject({ total: 8, archived: 3 });
  });
});

describe('update_memory {archived: false}', () => {
  it('restores the oldest, and the cap archives the next-oldest in its place', async () => {
    const { memory } = await ok(client, 'update_memory', { id: ids[0], archived: false });

    expect(memory.archivedAt).toBeUndefined();
    const active = await ok(client, 'read_memories', { agent: 'data_engineer' });
    expect(active.total).toBe(5);
    expect(contents(active)).toEqual([1, 8, 7, 6, 5].map(contentOf));
    const archive = await ok(client, 'read_memories', { agent: 'data_engineer', archived: true });
    expect(contents(archive).sort()).toEqual([2, 3, 4].map(contentOf).sort());
    expect((await storedMemories(client)).filter((stored) => stored.agent === 'data_engineer')).toHaveLength(8);
  });
});

describe('content length', () => {
  it('still refuses fewer than 5 or more than 100 characters and accepts the bounds', async () => {
    for (const content of ['abcd', 'x'.repeat(101)]) {
      const result = await call(client, 'add_memory', { type: 'context', content, agent: 'bounds' });
      expect(result.isError, content).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/must be 5-100/u);
    }
    for (const content of ['abcde', 'y'.repeat(100)]) {
      expect((await ok(client, 'add_memory', { type: 'context', content, agent: 'bounds' })).created).toBe(true);
    }
  });
});
