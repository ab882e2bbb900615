import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '../../src/http/token-file.js';
import { HttpProcess } from '../support/http-process.js';
import { type RemoteClients, installRemoteClients, remoteClientsSupported, runWithNode22 } from '../support/remote-clients.js';
import { ok, tempDir } from '../support/server-process.js';

// The team server as the real tools outside Claude Code meet it: the official MCP conformance
// suite, the MCP Inspector's CLI and the mcp-remote bridge that Claude Desktop runs. One file, so
// the tools are installed once (tests/support/remote-clients.ts).

/** Scenarios that call the suite's reference-server fixtures, which this server does not carry. */
const BASELINE = join(import.meta.dirname, '../support/conformance-baseline.yml');

let root: string;
/** With a token, as a team runs it. */
let server: HttpProcess;
/** Open on loopback: the conformance suite sends no token, and its DNS-rebinding scenario is about that case. */
let open: HttpProcess;
let token: string;
let clients: RemoteClients;
beforeAll(async () => {
  root = tempDir('dem-remote-clients-');
  token = addToken(join(root, 'tokens.json'), 'alice');
  server = new HttpProcess(['--tokens-file', join(root, 'tokens.json')], { HOME: root, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory') }, root);
  open = new HttpProcess(['--project', root], { HOME: join(root, 'open'), DATA_ENGINEER_MEMORY_DIR: join(root, 'open-memory') }, root);
  if (remoteClientsSupported) clients = await installRemoteClients();
}, 11 * 60_000);
afterAll(() => {
  server?.kill();
  open?.kill();
  rmSync(root, { recursive: true, force: true });
});

describe.runIf(remoteClientsSupported)('the MCP conformance suite against serve --http', () => {
  it('passes every server scenario that needs no fixture of its reference server', async () => {
    const url = `${await open.url()}/mcp/conformance`;

    const run = await runWithNode22(clients, clients.conformance, ['server', '--url', url, '--expected-failures', BASELINE]);

    const report = run.stdout + run.stderr;
    expect(run.code, report.slice(-4000)).toBe(0);
    expect(report).toContain('Baseline check passed: all failures are expected.');
    for (const scenario of ['server-initialize', 'ping', 'logging-set-level', 'tools-list', 'resources-list', 'prompts-list', 'dns-rebinding-protection']) {
      expect(report).toMatch(new RegExp(`✓ ${scenario}: \\d+ passed, 0 failed`, 'u'));
    }
  }, 5 * 60_000);
});

const inspector = async (...args: string[]) => {
  const url = `${await server.url()}/mcp/shop`;
  const run = await runWithNode22(clients, clients.inspector, ['--cli', url, '--transport', 'http', '--header', `Authorization: Bearer ${token}`, ...args], {
    HOME: root,
    MCP_INSPECTOR_SECRET_STORE: 'memory',
  });
  if (run.code !== 0) throw new Error(`inspector ${args.join(' ')} exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout);
};

describe.runIf(remoteClientsSupported)('remote clients of serve --http', () => {
  it('serves the Inspector CLI with a bearer token: tools, a tool call and the prompt', async () => {
    const { tools } = await inspector('--method', 'tools/list');
    expect(tools.map((tool: { name: string }) => tool.name)).toContain('add_memory');

    const added = await inspector('--method', 'tools/call', '--tool-name', 'add_memory', '--tool-arg', 'type=pattern', '--tool-arg', 'content=Partition the events table by day');
    expect(added.structuredContent.memory).toMatchObject({ content: 'Partition the events table by day', author: 'alice' });
    const prompt = await inspector('--method', 'prompts/get', '--prompt-name', 'data_engineer', '--prompt-args', 'task=design');
    expect(prompt.messages[0].content.text).toContain('Partition the events table by day');
  }, 3 * 60_000);

  it('bridges stdio to the team server through mcp-remote with the token in a header file', async () => {
    const headers = join(root, 'headers.txt');
    writeFileSync(headers, `Authorization: Bearer ${token}\n`, { mode: 0o600 });
    const transport = new StdioClientTransport({
      command: clients.node,
      args: [clients.mcpRemote, `${await server.url()}/mcp/warehouse`, '--transport', 'http-only', '--header-file', headers],
      env: { PATH: process.env.PATH ?? '', HOME: root },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'claude-desktop-like', version: '1' });
    await client.connect(transport);
    try {
      const { memory } = await ok(client, 'add_memory', { type: 'context', content: 'Warehouse loads run at night' });
      expect(memory.author).toBe('alice');
      expect((await ok(client, 'read_memories')).total).toBe(1);
    } finally {
      await client.close();
    }
  }, 3 * 60_000);
});
