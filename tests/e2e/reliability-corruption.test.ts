import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialiseStore } from '../../src/domain/store/store-file.js';
import { ReliabilitySandbox } from '../support/reliability-sandbox.js';
import { call, textOf } from '../support/server-process.js';

// A store we cannot read is reported by every tool with the kept copy's
// path, preserved byte for byte (copy beside it, named with a timestamp, made once), and never
// overwritten; a store from a newer version is read but never written.

let sandbox: ReliabilitySandbox;

beforeEach(() => {
  sandbox = new ReliabilitySandbox();
  mkdirSync(sandbox.memoryDir, { recursive: true });
});

afterEach(async () => {
  await sandbox.dispose();
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
    writeFileSync(sandbox.storePath, bytes);
    const original = readFileSync(sandbox.storePath);
    const { client } = await sandbox.start();

    const info = await call(client, 'memory_info');
    expect(info.isError).toBeFalsy();
    const copies = sandbox.filesBesideStore('.corrupt-');
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    expect(basename(copy)).toMatch(COPY_NAME);
    expect(readFileSync(copy)).toEqual(original);
    expect(info.structuredContent.problem).toMatch(problem);
    expect(info.structuredContent.problem).toContain(sandbox.storePath);
    expect(info.structuredContent.problem).toContain(copy);

    for (const result of await Promise.all(everyTool(client))) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(sandbox.storePath);
      expect(textOf(result)).toContain(`copy was kept at ${copy}`);
      expect(textOf(result)).toMatch(problem);
    }
    const prompt = await client.getPrompt({ name: 'data_engineer', arguments: { task: 'Design a pipeline' } });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('## Project memory');
    expect(text).toContain(copy);
    expect(text).toContain('Design a pipeline');

    expect(readFileSync(sandbox.storePath)).toEqual(original);
    expect(sandbox.filesBesideStore('.corrupt-')).toEqual([copy]);
  });

  it('makes no second copy across restarts, and takes writes again once the file is moved aside', async () => {
    writeFileSync(sandbox.storePath, DAMAGED[0]![1]);
    const first = await sandbox.start();
    await call(first.client, 'add_memory', { type: 'pattern', content: 'A new learning to store' });
    await first.close();
    const second = await sandbox.start();
    const refused = await call(second.client, 'add_memory', { type: 'pattern', content: 'A new learning to store' });
    expect(refused.isError).toBe(true);
    const copies = sandbox.filesBesideStore('.corrupt-');
    expect(copies).toHaveLength(1);

    // README "Recovering a damaged store": the copy is kept; move the damaged file aside.
    renameSync(sandbox.storePath, `${sandbox.storePath}.damaged`);
    const accepted = await call(second.client, 'add_memory', { type: 'pattern', content: 'A new learning to store' });

    expect(accepted.isError, textOf(accepted)).toBeFalsy();
    expect(sandbox.readStore().memories.map((m) => m.content)).toEqual(['A new learning to store']);
    expect(readFileSync(copies[0]!)).toEqual(readFileSync(`${sandbox.storePath}.damaged`));
  });

  it('copies a store that turns bad while the server runs, and picks the file up again once fixed', async () => {
    writeFileSync(sandbox.storePath, validStore);
    const { client } = await sandbox.start();
    expect((await call(client, 'read_memories', {})).structuredContent.total).toBe(2);

    const broken = `${validStore.slice(0, -4)}\n`;
    writeFileSync(sandbox.storePath, broken);
    const refused = await call(client, 'add_memory', { type: 'pattern', content: 'Written to a broken store' });
    expect(refused.isError).toBe(true);
    expect(readFileSync(sandbox.storePath, 'utf8')).toBe(broken);
    expect(sandbox.filesBesideStore('.corrupt-')).toHaveLength(1);

    writeFileSync(sandbox.storePath, validStore);
    const accepted = await call(client, 'add_memory', { type: 'pattern', content: 'Written once the store is fixed' });
    expect(accepted.isError, textOf(accepted)).toBeFalsy();
    expect(sandbox.readStore().memories).toHaveLength(3);
  });
});

describe('a store written by a newer version', () => {
  it('is read but never written: writes are refused saying so, and the file is unchanged', async () => {
    const future = JSON.stringify({ schemaVersion: 99, futureField: { keep: true }, memories: [memory('m1', 'Partition by event date')] });
    writeFileSync(sandbox.storePath, future);
    const { client } = await sandbox.start();

    const read = await call(client, 'read_memories', {});
    expect(read.isError, textOf(read)).toBeFalsy();
    expect(read.structuredContent.memories.map((m: any) => m.content)).toEqual(['Partition by event date']);

    const writes = await Promise.all(everyTool(client).filter((_, i) => i !== 1));
    for (const result of writes) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/schemaVersion 99, newer than this server understands \(1\)/u);
      expect(textOf(result)).toMatch(/upgrade data-engineer-mcp/u);
    }
    expect(readFileSync(sandbox.storePath, 'utf8')).toBe(future);
    expect(sandbox.filesBesideStore('.corrupt-')).toEqual([]);
  });
});
