import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storePathFor } from '../../src/domain/project.js';
import { serialiseStore } from '../../src/domain/store/store-file.js';
import { type ContractServer, contractServer } from '../support/contract-server.js';
import { call, textOf } from '../support/server-process.js';
import { filesBeside, readStore } from '../support/store-files.js';

// A store we cannot read is reported by every tool with the kept copy's
// path, preserved byte for byte (copy beside it, named with a timestamp, made once), and never
// overwritten; a store from a newer version is read but never written.

// Each server opens its store at its first call, so a file written before that is what it finds.
let servers: ContractServer[];
let storePath: string;

/** Another server on the first one's project and memory folder, as a restart would start it. */
async function restart(): Promise<ContractServer> {
  const server = await contractServer({ sameFoldersAs: servers[0] });
  servers.push(server);
  return server;
}

beforeEach(async () => {
  const first = await contractServer();
  servers = [first];
  mkdirSync(first.memoryDir, { recursive: true });
  storePath = storePathFor(first.memoryDir, first.project.key);
});

afterEach(async () => {
  for (const server of servers.reverse()) await server.close();
});

const memory = (id: string, content: string) => ({
  id,
  agent: 'data_engineer',
  type: 'pattern' as const,
  content,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});
const validStore = serialiseStore({ schemaVersion: 1, memories: [memory('m1', 'Partition by event date'), memory('m2', 'Use dbt snapshots for SCD2')] });

const DAMAGED: Array<[string, string | Buffer, RegExp]> = [
  ['is not valid JSON', '{"schemaVersion":1,"memories":[\n{"id":"m1", oops}\n]}\n', /not valid JSON.*line 2/u],
  ['is truncated', validStore.slice(0, Math.floor(validStore.length / 2)), /not valid JSON/u],
  // At the top level: a bad record inside a sound store is read around instead (store-hand-edits.test.ts).
  ['fails the schema', JSON.stringify({ schemaVersion: 1, memories: { m1: memory('m1', 'Partition by event date') } }), /not in the expected shape.*memories/u],
  ['is empty', '', /the file is empty/u],
  ['holds binary noise', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x0a, 0x80]), /not valid JSON/u],
];

/** Every tool, called with otherwise valid arguments. */
const everyTool = (client: Client) => [
  call(client, 'add_memory', { type: 'pattern', content: 'A new learning to store' }),
  call(client, 'read_memories', {}),
  call(client, 'update_memory', { id: 'm1', content: 'Partition by ingestion date' }),
  call(client, 'delete_memory', { id: 'm1' }),
  call(client, 'extract_memories', { text: '# Add To Memory:\nType: pattern\nContent: Extracted learning here\n#' }),
];

const COPY_NAME = /\.corrupt-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/u;

describe('a store that cannot be read', () => {
  it.each(DAMAGED)('when it %s: every tool says what is wrong and where the copy is; the bytes stay as they were', async (_case, bytes, problem) => {
    writeFileSync(storePath, bytes);
    const original = readFileSync(storePath);
    const { client } = servers[0]!;

    const info = await call(client, 'memory_info');
    expect(info.isError).toBeFalsy();
    const copies = filesBeside(storePath, '.corrupt-');
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    expect(basename(copy)).toMatch(COPY_NAME);
    expect(readFileSync(copy)).toEqual(original);
    expect(info.structuredContent.problem).toMatch(problem);
    expect(info.structuredContent.problem).toContain(storePath);
    expect(info.structuredContent.problem).toContain(copy);

    for (const result of await Promise.all(everyTool(client))) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(storePath);
      expect(textOf(result)).toContain(`copy was kept at ${copy}`);
      expect(textOf(result)).toMatch(problem);
    }
    const prompt = await client.getPrompt({ name: 'data_engineer', arguments: { task: 'Design a pipeline' } });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('## Project memory');
    expect(text).toContain(copy);
    expect(text).toContain('Design a pipeline');

    expect(readFileSync(storePath)).toEqual(original);
    expect(filesBeside(storePath, '.corrupt-')).toEqual([copy]);
  });

  it('makes no second copy across restarts, and takes writes again once the file is moved aside', async () => {
    writeFileSync(storePath, DAMAGED[0]![1]);
    const first = servers[0]!;
    await call(first.client, 'add_memory', { type: 'pattern', content: 'A new learning to store' });
    await first.built.close();
    const second = await restart();
    const refused = await call(second.client, 'add_memory', { type: 'pattern', content: 'A new learning to store' });
    expect(refused.isError).toBe(true);
    const copies = filesBeside(storePath, '.corrupt-');
    expect(copies).toHaveLength(1);

    // README "Recovering a damaged store": the copy is kept; move the damaged file aside.
    renameSync(storePath, `${storePath}.damaged`);
    const accepted = await call(second.client, 'add_memory', { type: 'pattern', content: 'A new learning to store' });

    expect(accepted.isError, textOf(accepted)).toBeFalsy();
    expect(readStore(storePath).memories.map((m) => m.content)).toEqual(['A new learning to store']);
    expect(readFileSync(copies[0]!)).toEqual(readFileSync(`${storePath}.damaged`));
  });

  it('copies a store that turns bad while the server runs, and picks the file up again once fixed', async () => {
    writeFileSync(storePath, validStore);
    const { client } = servers[0]!;
    expect((await call(client, 'read_memories', {})).structuredContent.total).toBe(2);

    const broken = `${validStore.slice(0, -4)}\n`;
    writeFileSync(storePath, broken);
    const refused = await call(client, 'add_memory', { type: 'pattern', content: 'Written to a broken store' });
    expect(refused.isError).toBe(true);
    expect(readFileSync(storePath, 'utf8')).toBe(broken);
    expect(filesBeside(storePath, '.corrupt-')).toHaveLength(1);

    writeFileSync(storePath, validStore);
    const accepted = await call(client, 'add_memory', { type: 'pattern', content: 'Written once the store is fixed' });
    expect(accepted.isError, textOf(accepted)).toBeFalsy();
    expect(readStore(storePath).memories).toHaveLength(3);
  });
});

describe('a store written by a newer version', () => {
  it('is read but never written: writes are refused saying so, and the file is unchanged', async () => {
    const future = JSON.stringify({ schemaVersion: 99, futureField: { keep: true }, memories: [memory('m1', 'Partition by event date')] });
    writeFileSync(storePath, future);
    const { client } = servers[0]!;

    const read = await call(client, 'read_memories', {});
    expect(read.isError, textOf(read)).toBeFalsy();
    expect(read.structuredContent.memories.map((m: any) => m.content)).toEqual(['Partition by event date']);

    const writes = await Promise.all(everyTool(client).filter((_, i) => i !== 1));
    for (const result of writes) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/schemaVersion 99, newer than this server understands \(1\)/u);
      expect(textOf(result)).toMatch(/upgrade data-engineer-mcp/u);
    }
    expect(readFileSync(storePath, 'utf8')).toBe(future);
    expect(filesBeside(storePath, '.corrupt-')).toEqual([]);
  });
});
