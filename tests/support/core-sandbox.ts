import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type Started, call, startServer, tempDir } from './server-process.js';

/**
 * One throw-away world for end-to-end tests: a memory folder and any number of project folders
 * under a single temp root, and every server started in it, so `dispose()` stops the processes
 * and removes the files even when a test fails half-way.
 */
export class CoreSandbox {
  readonly root = tempDir('dem-core-');
  readonly memoryDir = join(this.root, 'memory');
  private readonly servers: Started[] = [];

  /** A real project folder; its basename is what the store key starts with. */
  project(name = 'shop', parent = 'projects'): string {
    const dir = join(this.root, parent, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Starts the built server with an explicit project and memory folder, as a client config would. */
  async start(projectDir: string, env: Record<string, string> = {}): Promise<Started> {
    const started = await startServer({
      env: { DATA_ENGINEER_MEMORY_DIR: this.memoryDir, DATA_ENGINEER_PROJECT: projectDir, ...env },
      cwd: this.root,
    });
    this.servers.push(started);
    return started;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.close().catch(() => undefined)));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The store file the server says it uses for its current project. */
export async function storePathOf(client: Client): Promise<string> {
  const info = await call(client, 'memory_info');
  return info.structuredContent.storePath as string;
}

export const bytesOf = (path: string): Buffer | undefined => (existsSync(path) ? readFileSync(path) : undefined);

/** `<store>.corrupt-*` copies kept beside a store the server could not read. */
export function corruptCopies(storePath: string): string[] {
  const dir = dirname(storePath);
  const prefix = `${basename(storePath)}.corrupt-`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(dir, name));
}

/** The one user message of a prompts/get answer. */
export async function promptText(client: Client, args: Record<string, string> = {}): Promise<string> {
  const prompt = await client.getPrompt({ name: 'data_engineer', arguments: args });
  const content = prompt.messages[0]?.content;
  if (content?.type !== 'text') throw new Error(`prompt message is not text: ${JSON.stringify(content)}`);
  return content.text;
}
