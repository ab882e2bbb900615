import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, test as base } from 'vitest';
import { type Project, resolveProject } from '../../src/domain/project.js';
import { createServer, type DataEngineerServer } from '../../src/mcp/create-server.js';
import type { Logger } from '../../src/mcp/tool-result.js';
import { tempDir } from './server-process.js';

export const SEED_AGENTS_DIR = resolve(import.meta.dirname, '../../agents');

export interface ContractOptions {
  /** DATA_ENGINEER_MAX_MEMORIES_PER_AGENT as the server would read it (default 1,000). */
  maxMemoriesPerAgent?: number;
  /** DATA_ENGINEER_PROMPT_MEMORY_CHARS (default 4,000). */
  promptMemoryChars?: number;
  /** Agent folders (default: the repository's agents/). */
  agentDirs?: readonly string[];
  /** Where the server's human log goes (stderr in a process); default: nowhere. */
  log?: Logger;
  /**
   * The temp folder of an earlier contract server: this one serves the same project and memory
   * folder, as a restarted server would, and its close() leaves the folder to its owner.
   */
  sameFoldersAs?: ContractServer;
  /** The memory folder, instead of `memory` in the temp folder (e.g. one that cannot be made). */
  memoryDir?: string;
}

export interface ContractServer {
  client: Client;
  built: DataEngineerServer;
  /** A temp folder holding the project folder `shop` and the memory folder; removed by close(). */
  root: string;
  project: Project;
  memoryDir: string;
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  close: () => Promise<void>;
}

/** The server factory on a temp project, with an SDK client over a linked in-memory pair: the MCP surface with no process. */
export async function contractServer(options: ContractOptions = {}): Promise<ContractServer> {
  const owned = options.sameFoldersAs === undefined;
  const root = options.sameFoldersAs?.root ?? tempDir('dem-contract-');
  if (owned) mkdirSync(join(root, 'shop'));
  const project = resolveProject(join(root, 'shop'), 'cli');
  const memoryDir = options.memoryDir ?? join(root, 'memory');
  const built = createServer({
    name: 'data-engineer-mcp',
    version: '0.0.0-test',
    agentDirs: options.agentDirs ?? [SEED_AGENTS_DIR],
    projectChoice: { explicit: project, fallback: project, memoryDir },
    promptMemoryChars: options.promptMemoryChars ?? 4_000,
    maxMemoriesPerAgent: options.maxMemoriesPerAgent ?? 1_000,
    log: options.log ?? (() => {}),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'contract', version: '1.0.0' });
  await Promise.all([built.server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    built,
    root,
    project,
    memoryDir,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await built.close();
      if (owned) rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A test with its own contract server (`server`), closed and removed afterwards. Options per
 * suite: `contractTest.override({ serverOptions: { maxMemoriesPerAgent: 5 } })`.
 */
export const contractTest = base.extend<{ serverOptions: ContractOptions; server: ContractServer }>({
  serverOptions: {},
  server: async ({ serverOptions }, use) => {
    const server = await contractServer(serverOptions);
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },
});

/**
 * For a file whose tests share module-level helpers: a contract server per file ('file') or per
 * test ('test'), handed to `started` before the tests run and closed after them.
 */
export function useContractServer(scope: 'file' | 'test', started: (server: ContractServer) => void, options: ContractOptions = {}): void {
  let server: ContractServer | undefined;
  (scope === 'file' ? beforeAll : beforeEach)(async () => {
    server = await contractServer(options);
    started(server);
  });
  (scope === 'file' ? afterAll : afterEach)(async () => server?.close());
}

/** The text of a tool result's first content block. */
export const replyText = (result: CallToolResult): string => (result.content[0] as { text: string }).text;
