import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { RawServer } from './raw-server.js';
import { type Started, startServer, tempDir } from './server-process.js';

export interface StartOptions {
  env?: Record<string, string>;
  cwd?: string;
  client?: Client;
}

/**
 * One throw-away world for end-to-end tests: a memory folder and any number of project folders
 * under a single temp root, and every server started in it, so `dispose()` stops the processes
 * and removes the files even when a test fails half-way.
 */
export class Sandbox {
  readonly root = tempDir('dem-sandbox-');
  /** Not readonly: a test may point the server at a folder that does not exist yet, or at a file. */
  memoryDir = join(this.root, 'memory');
  private readonly servers: Started[] = [];
  private readonly rawServers: RawServer[] = [];

  /** A real folder under the root, made on first use. */
  dir(...parts: string[]): string {
    const dir = join(this.root, ...parts);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** A real project folder; its basename is what the store key starts with. */
  project(name = 'shop', parent = 'projects'): string {
    return this.dir(parent, name);
  }

  /** The env a client config would pass: an explicit project and this sandbox's memory folder. */
  env(projectDir: string, extra: Record<string, string> = {}): Record<string, string> {
    return { DATA_ENGINEER_MEMORY_DIR: this.memoryDir, DATA_ENGINEER_PROJECT: projectDir, ...extra };
  }

  start(projectDir: string, env: Record<string, string> = {}): Promise<Started> {
    return this.startWith({ env: this.env(projectDir, env) });
  }

  /** Starts the built server with this sandbox's memory folder and no project unless `env` names one. */
  async startWith(options: StartOptions = {}): Promise<Started> {
    const started = await startServer({
      env: { DATA_ENGINEER_MEMORY_DIR: this.memoryDir, ...options.env },
      cwd: options.cwd ?? this.root,
      client: options.client,
    });
    this.servers.push(started);
    return started;
  }

  /** A started client that has listed the tools: from then on the SDK checks every structuredContent against its outputSchema. */
  async startClient(projectDir: string, env: Record<string, string> = {}): Promise<Client> {
    const { client } = await this.start(projectDir, env);
    await client.listTools();
    return client;
  }

  /** The server on plain pipes, for tests that need its raw bytes, exit code or signals. */
  startRaw(projectDir: string, env: Record<string, string> = {}): RawServer {
    const raw = new RawServer(this.env(projectDir, env), this.root);
    this.rawServers.push(raw);
    return raw;
  }

  async dispose(): Promise<void> {
    for (const raw of this.rawServers) raw.kill();
    await Promise.all([
      ...this.rawServers.map((raw) => raw.exited),
      ...this.servers.map((server) => server.close().catch(() => undefined)),
    ]);
    rmSync(this.root, { recursive: true, force: true });
  }
}
