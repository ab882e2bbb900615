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
 * The built server on plain pipes, with no SDK client in between, so a test can write bytes no
 * client would send (garbage, half lines) and watch the process itself: its exit code and signals.
 */
export class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<Exit>;
  private stdoutBuffer = '';
  private stderrText = '';
  private readonly messages: Message[] = [];
  private readonly waiters = new Set<() => void>();
  private nextId = 1;
  private gone = false;

  constructor(env: Record<string, string>, cwd: string) {
    this.child = spawn(process.execPath, [ENTRY], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      cwd,
      stdio: 'pipe',
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdoutBuffer += chunk;
      let newline: number;
      while ((newline = this.stdoutBuffer.indexOf('\n')) >= 0) {
        const line = this.stdoutBuffer.slice(0, newline);
        this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
        // stdout is JSON-RPC only: a line that does not parse is itself a failure worth seeing.
        this.messages.push(JSON.parse(line) as Message);
      }
      for (const wake of this.waiters) wake();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
    });
    // A write after the server exited must not crash the test runner.
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((done) =>
      this.child.once('exit', (code, signal) => {
        this.gone = true;
        for (const wake of this.waiters) wake();
        done({ code, signal });
      }),
    );
  }

  get stderr(): string {
    return this.stderrText;
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

  response(id: number, timeoutMs = 20_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(look);
        reject(new Error(`no response to request ${id} within ${timeoutMs} ms; stderr:\n${this.stderrText}`));
      }, timeoutMs);
      const look = () => {
        const found = this.messages.find((message) => message.id === id);
        if (!found && !this.gone) return;
        clearTimeout(timer);
        this.waiters.delete(look);
        if (found) resolve(found);
        else reject(new Error(`server exited before answering request ${id}`));
      };
      this.waiters.add(look);
      look();
    });
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
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
