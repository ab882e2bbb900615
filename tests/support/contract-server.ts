import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { resolveProject } from '../../src/domain/project.js';
import { createServer } from '../../src/mcp/create-server.js';
import { tempDir } from './server-process.js';

/** The server factory on a temp project, with an SDK client over a linked in-memory pair. */
export async function contractServer({ maxMemoriesPerAgent = 1_000 } = {}): Promise<{
  client: Client;
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  close: () => Promise<void>;
}> {
  const root = tempDir('dem-contract-');
  mkdirSync(join(root, 'shop'));
  const project = resolveProject(join(root, 'shop'), 'cli');
  const built = createServer({
    name: 'data-engineer-mcp',
    version: '0.0.0-test',
    agentDirs: [resolve(import.meta.dirname, '../../agents')],
    projectChoice: { explicit: project, fallback: project, memoryDir: join(root, 'memory') },
    promptMemoryChars: 4_000,
    maxMemoriesPerAgent,
    log: () => {},
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'contract', version: '1.0.0' });
  await Promise.all([built.server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await built.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The text of a tool result's first content block. */
export const replyText = (result: CallToolResult): string => (result.content[0] as { text: string }).text;
