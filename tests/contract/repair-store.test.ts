import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';

// The MCP surface of a store with a hand-edited bad record: reads go on, writes answer with the
// record named and the tool to run, memory_info says the same, and repair_store fixes it.

let client: Client;
useContractServer('test', (server) => ({ client } = server));

const textOf = (result: Awaited<ReturnType<Client['callTool']>>) => (result.content as { text: string }[])[0]!.text;
const stamp = '2026-11-01T00:00:00.000Z';
const record = (id: string, content: string, extra: Record<string, unknown> = {}) => ({ id, agent: 'data_engineer', type: 'pattern', content, createdAt: stamp, updatedAt: stamp, ...extra });

describe('repair_store', () => {
  it('makes a store with a bad record writable again, after writes and memory_info named the record', async () => {
    const info = await client.callTool({ name: 'memory_info', arguments: {} });
    const storePath = (info.structuredContent as { storePath: string }).storePath;
    mkdirSync(dirname(storePath), { recursive: true });
    writeFileSync(storePath, JSON.stringify({ schemaVersion: 1, memories: [record('good1', 'Partition key is day'), record('bad1', 'Archived at null', { archivedAt: null })] }));

    const read = await client.callTool({ name: 'read_memories', arguments: {} });
    expect(read.isError).toBeFalsy();
    expect(textOf(read)).toContain('Partition key is day');
    const refused = await client.callTool({ name: 'add_memory', arguments: { type: 'context', content: 'Warehouse is BigQuery' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/record 2 \(id "bad1"\): archivedAt: .*repair_store/u);
    const problem = (await client.callTool({ name: 'memory_info', arguments: {} })).structuredContent as { problem?: string };
    expect(problem.problem).toContain('record 2 (id "bad1")');

    const repaired = await client.callTool({ name: 'repair_store', arguments: {} });
    expect(repaired.isError).toBeFalsy();
    const outcome = repaired.structuredContent as { repaired: boolean; keptAt: string; moved: number };
    expect(outcome).toMatchObject({ repaired: true, moved: 1 });
    expect(existsSync(outcome.keptAt)).toBe(true);
    expect(readFileSync(outcome.keptAt, 'utf8')).toContain('"bad1"');

    expect((await client.callTool({ name: 'add_memory', arguments: { type: 'context', content: 'Warehouse is BigQuery' } })).isError).toBeFalsy();
    expect((await client.callTool({ name: 'repair_store', arguments: {} })).structuredContent).toMatchObject({ repaired: false, moved: 0 });
  });
});
