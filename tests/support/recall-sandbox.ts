import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';
import type { Memory } from '../../src/domain/memory.js';
import { type Started, call, startServer, tempDir, textOf } from './server-process.js';

/**
 * A temp root with a memory folder and project folders, plus every server started in it, so
 * `dispose()` stops the processes and removes the files even when a test fails half-way.
 */
export class RecallSandbox {
  readonly root = tempDir('dem-recall-e2e-');
  readonly memoryDir = join(this.root, 'memory');
  private readonly servers: Started[] = [];

  project(name: string): string {
    const dir = join(this.root, 'projects', name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** The built server on `projectDir`, with exactly the env given (and this sandbox's memory folder). */
  async start(projectDir: string, env: Record<string, string> = {}): Promise<Client> {
    const started = await startServer({
      env: { DATA_ENGINEER_MEMORY_DIR: this.memoryDir, DATA_ENGINEER_PROJECT: projectDir, ...env },
      cwd: this.root,
    });
    this.servers.push(started);
    // Listing first makes the SDK client check every structuredContent against the tool's outputSchema.
    await started.client.listTools();
    return started.client;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.close().catch(() => undefined)));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A tool call that must succeed; returns its structured content. */
export async function ok(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = await call(client, name, args);
  expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
  return result.structuredContent;
}

/** Every memory in a store file, archived ones included: what is on disk, not what a tool says. */
export async function storedMemories(client: Client): Promise<Memory[]> {
  const { storePath } = await ok(client, 'memory_info');
  return (JSON.parse(readFileSync(storePath as string, 'utf8')) as { memories: Memory[] }).memories;
}

/** The "## Project memory" section of the data_engineer prompt, up to the task. */
export async function promptMemorySection(client: Client, args: Record<string, string> = {}): Promise<string> {
  const prompt = await client.getPrompt({ name: 'data_engineer', arguments: args });
  const content = prompt.messages[0]?.content;
  if (content?.type !== 'text') throw new Error(`prompt message is not text: ${JSON.stringify(content)}`);
  const start = content.text.lastIndexOf('## Project memory');
  const end = content.text.indexOf('\n\n## Task\n', start);
  expect(start, 'prompt has a memory section').toBeGreaterThan(0);
  return content.text.slice(start, end === -1 ? undefined : end);
}

/** "# Add To Memory:" blocks as the seed teaches an agent to write them. */
export const memoryBlock = (type: string, content: string): string => `# Add To Memory:\nType: ${type}\nContent: ${content}\n#`;
