import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProject } from '../../src/domain/project.js';
import { createServer, type DataEngineerServer } from '../../src/mcp/create-server.js';
import { tempDir } from '../support/server-process.js';

// The MCP surface of a store with a hand-edited bad record: reads go on, writes answer with the
// record named and the tool to run, memory_info says the same, and repair_store fixes it.

let root: string;
let built: DataEngineerServer;
let client: Client;

beforeEach(async () => {
  root = tempDir('dem-repair-');
  const projectDir = join(root, 'shop');
  mkdirSync(projectDir);
  const project = resolveProject(projectDir, 'cli');
  built = createServer({
    name: 'data-engineer-mcp',
    version: '0.0.0-test',
    agentDirs: [resolve(import.meta.dirname, '../../agents')],
    projectChoice: { explicit: project, fallback: project, memoryDir: join(root, 'memory') },
    promptMemoryChars: 4_000,
    maxMemoriesPerAgent: 1_000,
    log: () => undefined,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'contract', version: '1.0.0' });
  await Promise.all([built.server.connect(serverSide), client.connect(clientSide)]);
});

afterEach(async () => {
  await client.close();
  await built.close();
  rmSync(root, { recursive: true, force: true });
});

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
