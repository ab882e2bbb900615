import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AnyObjectSchema, SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import { type Started, startServer, tempDir } from './server-process.js';

/**
 * Generous on purpose: these tests spawn several servers on a loaded 2-core CI machine, and
 * file-system watches plus debounces sit between a write and its notification. A deadline only
 * bounds how long a broken build takes to fail; no test asserts how fast anything is.
 */
export const DEADLINE_MS = 30_000;

/** Polls `probe` until it returns something other than undefined/false, or fails naming `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, deadlineMs = DEADLINE_MS): Promise<T> {
  const until = Date.now() + deadlineMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > until) {
      const why = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${why}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Records every notification of one kind, in arrival order, for the life of the client. */
export function record<S extends AnyObjectSchema>(client: Client, schema: S): Array<SchemaOutput<S>> {
  const seen: Array<SchemaOutput<S>> = [];
  client.setNotificationHandler(schema, (notification) => {
    seen.push(notification);
  });
  return seen;
}

/**
 * A temp root holding the memory folder, project folders and agent folders, plus every server
 * started in it, so `dispose()` stops the processes and removes the files even after a failure.
 */
export class SurfaceSandbox {
  readonly root = tempDir('dem-surface-');
  readonly memoryDir = join(this.root, 'memory');
  private readonly servers: Started[] = [];

  dir(...parts: string[]): string {
    const dir = join(this.root, ...parts);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Starts the built server with this sandbox's memory folder; `env` adds or overrides. */
  async start(options: { env?: Record<string, string>; cwd?: string; client?: Client } = {}): Promise<Started> {
    const started = await startServer({
      env: { DATA_ENGINEER_MEMORY_DIR: this.memoryDir, ...options.env },
      cwd: options.cwd ?? this.root,
      client: options.client,
    });
    this.servers.push(started);
    return started;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.close().catch(() => undefined)));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The one text content of a resources/read answer, with its mime type. */
export async function readText(client: Client, uri: string): Promise<{ text: string; mimeType?: string }> {
  const { contents } = await client.readResource({ uri });
  const [content, ...rest] = contents;
  if (!content || rest.length > 0 || !('text' in content)) throw new Error(`${uri} did not read as one text content: ${JSON.stringify(contents)}`);
  if (content.uri !== uri) throw new Error(`${uri} answered for ${content.uri}`);
  return { text: content.text, mimeType: content.mimeType };
}
