import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';

export const ENTRY = resolve(import.meta.dirname, '../../dist/cli.js');

export function tempDir(prefix = 'dem-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export interface Started {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  close: () => Promise<void>;
}

/**
 * Spawns the built server as a client would and connects the SDK Client over stdio. The env is
 * passed explicitly (StdioClientTransport otherwise inherits only a safe subset) so a test
 * controls exactly which project and memory folder the server sees.
 */
export async function startServer(options: {
  env?: Record<string, string>;
  args?: string[];
  cwd?: string;
  client?: Client;
  /** Another copy of the built server (default: this checkout's dist/cli.js). */
  entry?: string;
  /** A whole command line to run instead of `node <entry> <args>` (e.g. one from a manifest). */
  command?: string;
}): Promise<Started> {
  const transport = new StdioClientTransport({
    command: options.command ?? process.execPath,
    args: options.command ? (options.args ?? []) : [options.entry ?? ENTRY, ...(options.args ?? [])],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...options.env },
    cwd: options.cwd,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = options.client ?? new Client({ name: 'data-engineer-mcp-tests', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr, close: () => client.close() };
}

/** Calls a tool and returns its result, typed loosely enough for assertions. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult & { structuredContent?: any }> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent?: any };
}

export const textOf = (result: CallToolResult): string =>
  result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');

/** A tool call that must succeed; returns its structured content. */
export async function ok(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = await call(client, name, args);
  expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
  return result.structuredContent;
}
