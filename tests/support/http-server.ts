import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { resolveProject } from '../../src/domain/project.js';
import { HTTP_DEFAULTS, type HttpServeOptions, type RunningHttpServer, serveHttp } from '../../src/http/serve-http.js';
import { addToken } from '../../src/http/token-file.js';
import type { StoreEngine } from '../../src/domain/store/store-port.js';
import { tempDir } from './server-process.js';

/**
 * A team server in this process on 127.0.0.1 (a free port), with its own memory folder and
 * tokens file, and clients that reach it over real HTTP with the SDK's Streamable HTTP client.
 */
export class HttpFixture {
  readonly root = tempDir('dem-http-');
  readonly memoryDir = join(this.root, 'memory');
  readonly tokensFile = join(this.root, 'tokens.json');
  /** A second agents folder the test may write to (the package's own stays untouched). */
  readonly agentsDir = join(this.root, 'agents');
  readonly lines: string[] = [];
  private running: RunningHttpServer | undefined;
  private readonly clients: Client[] = [];

  get url(): string {
    if (!this.running) throw new Error('start() the server first');
    return this.running.url;
  }

  addToken(name: string): string {
    return addToken(this.tokensFile, name);
  }

  /** `store`: one engine for every project (a PostgreSQL engine), closed by its owner, the test. */
  async start(options: Partial<HttpServeOptions> = {}, store?: StoreEngine): Promise<string> {
    mkdirSync(this.agentsDir, { recursive: true });
    this.running = await serveHttp(
      {
        ...(store ? { store } : {}),
        version: 'test',
        agentDirs: [resolve(import.meta.dirname, '../../agents'), this.agentsDir],
        memoryDir: this.memoryDir,
        promptMemoryChars: 4_000,
        maxMemoriesPerAgent: 1_000,
        defaultProject: resolveProject(this.root, 'cli'),
      },
      { ...HTTP_DEFAULTS, port: 0, tokensFile: this.tokensFile, allowedHosts: [], allowedOrigins: [], ...options },
      (level, message) => this.lines.push(`${level}: ${message}`),
    );
    return this.running.url;
  }

  /** A connected client on /mcp/<project> (or /mcp), sending the token as a bearer. */
  async client(token: string | undefined, project?: string): Promise<Client> {
    const client = new Client({ name: 'http-tests', version: '1.0.0' });
    await client.connect(this.transport(token, project));
    this.clients.push(client);
    return client;
  }

  transport(token: string | undefined, project?: string): StreamableHTTPClientTransport {
    return new StreamableHTTPClientTransport(new URL(project === undefined ? '/mcp' : `/mcp/${project}`, this.url), {
      requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    });
  }

  async health(): Promise<{ status: string; sessions: number }> {
    return (await fetch(new URL('/healthz', this.url))).json() as Promise<{ status: string; sessions: number }>;
  }

  /** One raw request, for the cases a well-behaved client never produces. */
  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(path, this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close().catch(() => undefined)));
    await this.running?.close();
    this.running = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
