import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveProject } from '../../src/domain/project.js';
import { createServer } from '../../src/mcp/create-server.js';
import { SEED_AGENTS_DIR } from '../support/contract-server.js';
import { tempDir } from '../support/server-process.js';

// Our server routes a request without first testing it against the two response schemas
// (src/mcp/repeated-checks.ts). What it answers, and what it refuses, must be what the SDK's own
// routing gives: the same messages go to a plain McpServer and to ours.

const MESSAGES: unknown[] = [
  { jsonrpc: '2.0', id: 1, method: 'ping' },
  { jsonrpc: '2.0', id: 'two', method: 'ping', params: { _meta: { progressToken: 7 } } },
  // Both a request and a result: no schema takes it.
  { jsonrpc: '2.0', id: 3, method: 'ping', result: {} },
  { jsonrpc: '2.0', id: 4, method: 'ping', error: { code: -32600, message: 'no' } },
  // A request id must be a string or a whole number.
  { jsonrpc: '2.0', id: 5.5, method: 'ping' },
  { jsonrpc: '1.0', id: 6, method: 'ping' },
  { jsonrpc: '2.0', id: 7, method: 'ping', extra: true },
  { jsonrpc: '2.0', id: 8, method: 42 },
  { jsonrpc: '2.0', id: 9, method: 'no/such/method' },
  // Responses to nothing this server asked, and a notification.
  { jsonrpc: '2.0', id: 10, result: {} },
  { jsonrpc: '2.0', id: 11, error: { code: -32601, message: 'Method not found' } },
  { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 99 } },
  { jsonrpc: '2.0', id: 12, method: 'ping' },
];

/** The answers and errors a server gives to MESSAGES sent raw over a linked in-memory pair. */
async function routed(server: McpServer): Promise<{ answers: unknown[]; errors: string[] }> {
  const errors: string[] = [];
  server.server.onerror = (error) => errors.push(error.message);
  const [ours, theirs] = InMemoryTransport.createLinkedPair();
  const answers: unknown[] = [];
  ours.onmessage = (message) => answers.push(message);
  await ours.start();
  await server.connect(theirs);
  for (const message of MESSAGES) await ours.send(message as JSONRPCMessage);
  await new Promise((done) => setTimeout(done, 50));
  return { answers, errors };
}

describe('message routing', () => {
  it('answers and refuses each request, response and notification as the SDK routes them', async () => {
    const root = tempDir('dem-routing-');
    mkdirSync(join(root, 'shop'));
    const project = resolveProject(join(root, 'shop'), 'cli');
    const ours = createServer({
      name: 'data-engineer-mcp',
      version: '0.0.0-test',
      agentDirs: [SEED_AGENTS_DIR],
      projectChoice: { explicit: project, fallback: project, memoryDir: join(root, 'memory') },
      promptMemoryChars: 4_000,
      maxMemoriesPerAgent: 1_000,
      log: () => {},
    });
    try {
      const expected = await routed(new McpServer({ name: 'plain', version: '1.0.0' }));
      const actual = await routed(ours.server);
      expect(actual).toEqual(expected);
      // What the comparison rests on: some answered, some refused.
      expect(expected.answers).toContainEqual({ jsonrpc: '2.0', id: 1, result: {} });
      expect(expected.errors.length).toBeGreaterThanOrEqual(6);
    } finally {
      await ours.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
