import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProject } from '../../src/domain/project.js';
import { createServer, type DataEngineerServer } from '../../src/mcp/create-server.js';
import { tempDir, textOf } from '../support/server-process.js';

let root: string;
let built: DataEngineerServer;
let client: Client;
const call = async (name: string, args: Record<string, unknown>) => {
  const result = await client.callTool({ name, arguments: args });
  return { isError: result.isError === true, text: textOf(result as never) };
};

beforeAll(async () => {
  root = tempDir('dem-messages-');
  mkdirSync(join(root, 'shop'));
  const project = resolveProject(join(root, 'shop'), 'cli');
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

afterAll(async () => {
  await client.close();
  await built.close();
  rmSync(root, { recursive: true, force: true });
});

describe('what the tools say', () => {
  it('memory_info counts one memory in the singular', async () => {
    await call('add_memory', { type: 'pattern', content: 'Use surrogate keys in every dimension' });
    expect((await call('memory_info', {})).text).toMatch(/- shop \S+ \(1 memory\)/u);
  });

  it('update_memory says archived and restored for those changes', async () => {
    const { structuredContent } = await client.callTool({ name: 'add_memory', arguments: { type: 'guideline', content: 'Every transform is a dbt model' } });
    const id = (structuredContent as { memory: { id: string } }).memory.id;
    expect((await call('update_memory', { id, archived: true })).text).toMatch(new RegExp(`^Archived ${id}: `, 'u'));
    expect((await call('update_memory', { id, archived: false })).text).toMatch(new RegExp(`^Restored ${id}: `, 'u'));
    expect((await call('update_memory', { id, type: 'pattern' })).text).toMatch(new RegExp(`^Updated ${id}: `, 'u'));
  });

  it('extract_memories on text without a block says so and shows the block shape', async () => {
    const { isError, text } = await call('extract_memories', { text: 'Here is my answer, with no memory block in it.' });
    expect(isError).toBe(false);
    expect(text).toMatch(/^No "# Add To Memory:" block was found in the text, so nothing was stored\. A block looks like:\n\n# Add To Memory:\nType: performance\nContent: /u);
  });

  it('export_memories of an agent nobody knows says so, listing the agents; a known agent with no memories exports empty', async () => {
    const unknown = await call('export_memories', { format: 'markdown', agent: 'nosuch' });
    expect(unknown).toMatchObject({ isError: true, text: expect.stringMatching(/^No agent named "nosuch" is loaded or has memories in this project.*Agents here: data_engineer\./u) });
    expect((await call('export_memories', { format: 'json', agent: 'data_engineer' })).isError).toBe(false);
  });
});
