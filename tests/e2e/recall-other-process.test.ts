import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relevance } from '../support/recall-service.js';
import { Sandbox } from '../support/sandbox.js';
import { ok } from '../support/server-process.js';

// Over stdio, the search index of read_memories follows writes that another server process makes
// to the same store (the ranking itself: tests/contract/recall-search.test.ts).

let sandbox: Sandbox;
let client: Client;
let projectDir: string;

beforeAll(async () => {
  sandbox = new Sandbox();
  projectDir = sandbox.project('warehouse');
  client = await sandbox.startClient(projectDir);
  for (const memory of relevance.memories) await ok(client, 'add_memory', memory);
});
afterAll(() => sandbox.dispose());

const contents = (page: { memories: Array<{ content: string }> }) => page.memories.map((memory) => memory.content);

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
