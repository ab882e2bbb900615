import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ENTRY } from './server-process.js';
import { waitFor } from './wait-for.js';

/** The built bin running `serve --http` on a free loopback port, as a service manager would run it. */
export class HttpProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderrText = '';

  constructor(args: string[], env: Record<string, string>, cwd: string) {
    this.child = spawn(process.execPath, [ENTRY, 'serve', '--http', '--port', '0', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderrText += chunk));
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** The base URL, once the start-up line has said where it listens. */
  url(): Promise<string> {
    return waitFor('the HTTP server to listen', () => /serving MCP over HTTP at (http:\/\/[^/\s]+)/.exec(this.stderrText)?.[1]);
  }

  async client(token: string | undefined, project: string): Promise<Client> {
    const client = new Client({ name: 'http-process-tests', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`/mcp/${project}`, await this.url()), {
      requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    });
    await client.connect(transport);
    return client;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
