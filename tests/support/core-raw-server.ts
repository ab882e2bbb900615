import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { ENTRY } from './server-process.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The built server spawned with plain child_process and spoken to in raw JSON-RPC lines, so a
 * test sees every byte the process writes to stdout and stderr (the SDK transport hides both).
 */
export class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';
  private nextId = 1;
  private readonly waiters: Array<() => void> = [];

  constructor(env: Record<string, string>, cwd?: string) {
    this.child = spawn(process.execPath, [ENTRY], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      cwd,
      stdio: 'pipe',
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.child.stdout.on('data', (chunk: Buffer) => this.grow('stdout', chunk));
    this.child.stderr.on('data', (chunk: Buffer) => this.grow('stderr', chunk));
  }

  /** Sends a request line and resolves with the response carrying its id. */
  async request(method: string, params: Record<string, unknown> = {}): Promise<{ result?: any; error?: any }> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    let response: { id?: unknown } | undefined;
    await this.until(() => {
      response = this.stdoutLines()
        .map((line) => JSON.parse(line) as { id?: unknown })
        .find((message) => message.id === id);
      return response !== undefined;
    }, `a response to ${method}`);
    return response as { result?: any; error?: any };
  }

  notify(method: string, params: Record<string, unknown> = {}): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The MCP handshake a client performs before anything else. */
  async initialize(): Promise<any> {
    const response = await this.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'raw-test-client', version: '1.0.0' },
    });
    this.notify('notifications/initialized');
    return response.result;
  }

  /** Complete lines only: a line still being written has no newline yet. */
  stdoutLines(): string[] {
    return this.stdout.split('\n').slice(0, -1);
  }

  stderrLines(): string[] {
    return this.stderr.split('\n').filter((line) => line.trim() !== '');
  }

  /** Waits for a condition on the output; `what` names it in the error if the process ends first or takes too long. */
  async until(ready: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      if (this.child.exitCode !== null) throw new Error(`server exited (${this.child.exitCode}) before ${what}; stderr: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200).unref();
      });
    }
  }

  /** Resolves with the exit, or rejects if the process is still running after `timeoutMs`. */
  exitWithin(timeoutMs: number): Promise<Exit> {
    return Promise.race([
      this.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`server still running ${timeoutMs} ms after stdin closed`)), timeoutMs).unref()),
    ]);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private send(message: unknown): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private grow(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    this[stream] += chunk.toString('utf8');
    for (const wake of this.waiters.splice(0)) wake();
  }
}
