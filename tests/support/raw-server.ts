import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { ENTRY } from './server-process.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

type Message = { id?: number | string; result?: any; error?: { code: number; message: string } };

/**
 * The built server on plain pipes, with no SDK client in between, so a test sees every byte the
 * process writes to stdout and stderr (the SDK transport hides both), can write bytes no client
 * would send (garbage, half lines), and can watch the process itself: its exit code and signals.
 */
export class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<Exit>;
  private stdoutText = '';
  private stderrText = '';
  private parsedUpTo = 0;
  private readonly messages: Message[] = [];
  private readonly waiters = new Set<() => void>();
  private nextId = 1;

  /** `args`: what node runs (default: the built bin, dist/cli.js, with no arguments). */
  constructor(env: Record<string, string>, cwd: string, args: string[] = [ENTRY]) {
    this.child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      cwd,
      stdio: 'pipe',
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdoutText += chunk;
      this.parseCompleteLines();
      this.wake();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
      this.wake();
    });
    // A write after the server exited must not crash the test runner.
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((done) =>
      this.child.once('exit', (code, signal) => {
        done({ code, signal });
        this.wake();
      }),
    );
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Complete lines only: a line still being written has no newline yet. */
  stdoutLines(): string[] {
    return this.stdoutText.split('\n').slice(0, -1);
  }

  stderrLines(): string[] {
    return this.stderrText.split('\n').filter((line) => line.trim() !== '');
  }

  write(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  send(message: Record<string, unknown>): void {
    this.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  }

  /** Sends a request and resolves with its response (result or error), whatever came before it. */
  async request(method: string, params: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<Message> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return this.response(id, timeoutMs);
  }

  /** The MCP handshake a client performs before anything else. */
  async initialize(): Promise<Message> {
    const answer = await this.request('initialize', {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'raw-test-client', version: '1.0.0' },
    });
    this.send({ method: 'notifications/initialized' });
    return answer;
  }

  callTool(name: string, args: Record<string, unknown>): Promise<Message> {
    return this.request('tools/call', { name, arguments: args });
  }

  async response(id: number, timeoutMs = 20_000): Promise<Message> {
    let found: Message | undefined;
    await this.until(() => (found = this.messages.find((message) => message.id === id)) !== undefined, `a response to request ${id}`, timeoutMs);
    return found!;
  }

  /** Waits for a condition on the output; `what` names it in the error if the process ends first or takes too long. */
  async until(ready: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      if (!this.running()) throw new Error(`server exited (${this.child.exitCode ?? this.child.signalCode}) before ${what}; stderr:\n${this.stderrText}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; stderr:\n${this.stderrText}`);
      await new Promise<void>((resolve) => {
        this.waiters.add(resolve);
        setTimeout(resolve, 200).unref();
      });
    }
  }

  /** Resolves with how the process ended, or rejects if it is still running after `timeoutMs`. */
  async exit(timeoutMs = 15_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`server still running ${timeoutMs} ms later; stderr:\n${this.stderrText}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** For cleanup: kill the process if a failed test left it running. */
  kill(): void {
    if (this.running()) this.child.kill('SIGKILL');
  }

  private running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private parseCompleteLines(): void {
    let newline: number;
    while ((newline = this.stdoutText.indexOf('\n', this.parsedUpTo)) >= 0) {
      const line = this.stdoutText.slice(this.parsedUpTo, newline);
      this.parsedUpTo = newline + 1;
      // stdout is JSON-RPC only: a line that does not parse is itself a failure worth seeing.
      this.messages.push(JSON.parse(line) as Message);
    }
  }

  private wake(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
