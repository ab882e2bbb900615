import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectKey } from '../../src/domain/project.js';
import { type ContractServer, useContractServer } from '../support/contract-server.js';
import { call, textOf } from '../support/server-process.js';
import { bytesOf, storePathOf } from '../support/store-files.js';

// Each tool's answer, structured and in words, and what a refused call leaves in the store.

let server: ContractServer;
let client: Client;
let storePath: string;

useContractServer('file', (started) => ({ client } = server = started));
beforeAll(async () => {
  // Listing first makes the SDK client check every structuredContent against the tool's outputSchema.
  await client.listTools();
  storePath = await storePathOf(client);
});

/** A successful call: structured content plus a text block that says what happened. */
async function ok(name: string, args: Record<string, unknown> = {}) {
  const result = await call(client, name, args);
  expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
  expect(result.content[0]?.type).toBe('text');
  expect(textOf(result).length).toBeGreaterThan(0);
  return result.structuredContent;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u;

describe('happy paths', () => {
  it('add_memory stores a memory and returns it with created:true', async () => {
    const result = await ok('add_memory', { type: 'pattern', content: '  Use composite\n indexes for joins ' });
    expect(result).toEqual({
      created: true,
      related: [],
      memory: { id: expect.any(String), agent: 'data_engineer', type: 'pattern', content: 'Use composite indexes for joins', createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO) },
    });
  });

  it('add_memory returns the existing memory with created:false for a repeat', async () => {
    const first = await ok('add_memory', { type: 'guideline', content: 'Validate data at pipeline boundaries' });
    const again = await ok('add_memory', { type: 'guideline', content: 'VALIDATE data at   pipeline boundaries' });
    expect(again).toMatchObject({ memory: first.memory, created: false });
  });

  it('read_memories lists newest first with a total, filters by type and ranks a query match first', async () => {
    const newest = await ok('add_memory', { type: 'mistake', content: 'Never truncate the staging table mid-load' });

    const all = await ok('read_memories');
    expect(all.memories[0]).toEqual(newest.memory);
    expect(all.total).toBe(all.memories.length);
    expect(all.nextCursor).toBeUndefined();
    expect((await ok('read_memories', { type: 'mistake' })).memories.map((memory: { id: string }) => memory.id)).toEqual([newest.memory.id]);
    expect((await ok('read_memories', { query: 'staging truncate' })).memories[0]).toEqual(newest.memory);
    expect((await ok('read_memories', { query: 'kafka' })).total).toBe(0);
  });

  it('read_memories pages with nextCursor', async () => {
    const first = await ok('read_memories', { limit: 1 });
    expect(first.memories).toHaveLength(1);
    const second = await ok('read_memories', { limit: 1, cursor: first.nextCursor });
    expect(second.memories[0].id).not.toBe(first.memories[0].id);
  });

  it('update_memory changes content and type and keeps the id and createdAt', async () => {
    const { memory } = await ok('add_memory', { type: 'context', content: 'Warehouse runs on Postgres 13' });
    const { memory: updated } = await ok('update_memory', { id: memory.id, content: 'Warehouse runs on Postgres 16', type: 'architecture' });

    expect(updated).toMatchObject({ id: memory.id, content: 'Warehouse runs on Postgres 16', type: 'architecture', createdAt: memory.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(memory.updatedAt));
  });

  it('delete_memory removes a memory for good', async () => {
    const { memory } = await ok('add_memory', { type: 'strategy', content: 'A memory that will be deleted' });
    expect(await ok('delete_memory', { id: memory.id })).toEqual({ deleted: true, id: memory.id });
    const left = await ok('read_memories', { limit: 200 });
    expect(left.memories.map((kept: { id: string }) => kept.id)).not.toContain(memory.id);
  });

  it('extract_memories stores valid blocks and explains the rejected ones', async () => {
    const text = [
      '# Add To Memory:\nType: integration\nContent: Retry the Stripe API with backoff\n#',
      '# Remember:\nType: recipe\nContent: An unknown type\n#',
      '# Add To Memory:\nType: integration\nContent: Retry the Stripe API with backoff\n#',
    ].join('\n');
    const result = await ok('extract_memories', { text });

    expect(result.added.map((memory: { content: string }) => memory.content)).toEqual(['Retry the Stripe API with backoff']);
    expect(result.duplicates).toHaveLength(1);
    expect(result.rejected).toEqual([{ block: expect.stringContaining('Type: recipe'), reason: expect.stringContaining('type "recipe"') }]);
  });

  it('memory_info names the project, its key, the store and the counts', async () => {
    const info = await ok('memory_info');
    const key = projectKey(server.project.root);

    expect(info).toMatchObject({ project: { name: 'shop', root: server.project.root, key }, source: 'cli', memoryDir: server.memoryDir });
    expect(info.storePath).toBe(join(server.memoryDir, `${key}.json`));
    const read = await ok('read_memories', { limit: 200 });
    expect(info.counts.total).toBe(read.total);
    expect(info.counts.integration).toBe(1);
  });
});

describe('error paths leave the store as it was', () => {
  let before: Buffer | undefined;
  beforeAll(async () => {
    await ok('add_memory', { type: 'pattern', content: 'A memory so the store file exists' });
    before = bytesOf(storePath);
    expect(before).toBeDefined();
  });

  it.each([
    ['add_memory', 'an unknown type', { type: 'recipe', content: 'Valid content here' }, /type must be one of pattern, architecture/u],
    ['add_memory', 'a missing type', { content: 'Valid content here' }, /type is required; it must be one of pattern, architecture/u],
    ['add_memory', 'content too short', { type: 'pattern', content: ' hi ' }, /content is 2 characters after trimming; it must be 5-100/u],
    ['add_memory', 'content too long', { type: 'pattern', content: 'x'.repeat(101) }, /content is 101 characters after trimming; it must be 5-100/u],
    ['add_memory', 'content that is not a string', { type: 'pattern', content: 42 }, /content must be a string/u],
    ['add_memory', 'a bad agent name', { type: 'pattern', content: 'Valid content here', agent: 'Data Engineer' }, /agent must be lower-case letters, digits.*given: "Data Engineer"/u],
    ['add_memory', 'a relative project', { type: 'pattern', content: 'Valid content here', project: '../..' }, /project "\.\.\/\.\." is not an absolute path/u],
    ['add_memory', 'a missing project folder', { type: 'pattern', content: 'Valid content here', project: '/no/such/folder' }, /project "\/no\/such\/folder" is not an existing folder/u],
    ['update_memory', 'an unknown id', { id: 'no-such-id', content: 'Valid content here' }, /id "no-such-id" is not a memory in this project/u],
    ['update_memory', 'a bad type', { id: 'no-such-id', type: 'recipe' }, /type must be one of/u],
    ['update_memory', 'nothing to change', { id: 'no-such-id' }, /update_memory needs content, type/u],
    ['delete_memory', 'an unknown id', { id: 'no-such-id' }, /id "no-such-id" is not a memory in this project/u],
    ['delete_memory', 'an empty id', { id: '' }, /id must not be empty/u],
    ['read_memories', 'a cursor it never issued', { cursor: 'bm90IGEgY3Vyc29y' }, /cursor is not one this search issued/u],
    ['read_memories', 'limit 0', { limit: 0 }, /limit must be at least 1/u],
    ['read_memories', 'limit 201', { limit: 201 }, /limit must be at most 200/u],
    ['read_memories', 'a fractional limit', { limit: 2.5 }, /limit must be a whole number/u],
    ['read_memories', 'a bad type filter', { type: 'recipe' }, /type must be one of/u],
    ['extract_memories', 'no text', {}, /text is required; it must be a string/u],
  ])('%s refuses %s, naming the field', async (name, _case, args, message) => {
    const result = await call(client, name, args);

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(bytesOf(storePath)).toEqual(before);
  });

  it('refuses a cursor issued for another filter', async () => {
    const { nextCursor } = await ok('read_memories', { limit: 1 });
    const result = await call(client, 'read_memories', { limit: 1, cursor: nextCursor, type: 'pattern' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/cursor is not one this search issued/u);
  });

  it('keeps answering after every refusal', async () => {
    expect((await ok('memory_info')).counts.total).toBeGreaterThan(0);
    expect(bytesOf(storePath)).toEqual(before);
  });
});
