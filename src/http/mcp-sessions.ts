import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Project } from '../domain/project.js';
import type { DataEngineerServer } from '../mcp/create-server.js';
import { BoundedTransport } from './bounded-transport.js';
import { hashToken } from './token-file.js';

export interface SessionLimits {
  maxReplyBytes: number;
  maxSessions: number;
  /** A session with no request and no open event stream for this long is closed. */
  idleMs: number;
}

interface Session {
  readonly transport: BoundedTransport;
  readonly projectKey: string;
  /** The SHA-256 of the token that opened it: only that token may use it, and only while it is valid. */
  readonly tokenSha: string | undefined;
  lastSeen: number;
  openStreams: number;
}

const SWEEP_MS = 60_000;

/**
 * The MCP sessions of the team server: one SDK server and transport per session, as the SDK
 * requires, all sharing the project stores. A POST without a session id that is not an initialize
 * is served statelessly by a server made for that one request, so clients that never keep a
 * session (curl, scripts, some gateways) still work.
 */
export class McpSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly makeServer: (project: Project) => DataEngineerServer,
    private readonly limits: SessionLimits,
  ) {
    this.sweeper = setInterval(() => this.closeIdle(), SWEEP_MS).unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  async handle(req: Request, res: Response, project: Project): Promise<void> {
    const id = req.header('mcp-session-id');
    const tokenSha = req.auth ? hashToken(req.auth.token) : undefined;
    if (id !== undefined) return this.inSession(id, req, res, project, tokenSha);
    if (req.method !== 'POST') {
      return void rpcError(res, 400, -32000, `${req.method} needs an Mcp-Session-Id header: initialize a session first, or send requests as POST.`);
    }
    if (isInitializeRequest(req.body)) return this.open(req, res, project, tokenSha);
    return this.stateless(req, res, project);
  }

  /** Closes the sessions whose token is no longer accepted; their event streams end with them. */
  closeWhere(tokenRevoked: (tokenSha: string) => boolean): void {
    for (const session of [...this.sessions.values()]) if (session.tokenSha && tokenRevoked(session.tokenSha)) void session.transport.close();
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.values()].map((session) => session.transport.close().catch(() => undefined)));
  }

  private async inSession(id: string, req: Request, res: Response, project: Project, tokenSha: string | undefined): Promise<void> {
    const session = this.sessions.get(id);
    // Another token's session, or another project's, is answered as if it did not exist.
    if (!session || session.tokenSha !== tokenSha || session.projectKey !== project.key) {
      return void rpcError(res, 404, -32001, 'Session not found: it ended (server restart, DELETE or idle) or belongs to another token or project. Initialize a new session.');
    }
    session.lastSeen = Date.now();
    if (req.method === 'GET') {
      session.openStreams++;
      res.on('close', () => {
        session.openStreams--;
        session.lastSeen = Date.now();
      });
    }
    await session.transport.handleRequest(req, res, req.body);
  }

  private async open(req: Request, res: Response, project: Project, tokenSha: string | undefined): Promise<void> {
    if (this.sessions.size >= this.limits.maxSessions) {
      res.setHeader('Retry-After', '60');
      return void rpcError(res, 503, -32000, `This server holds its maximum of ${this.limits.maxSessions} sessions; retry later.`);
    }
    const server = this.makeServer(project);
    const transport: BoundedTransport = new BoundedTransport(
      {
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sessionId) => {
          this.sessions.set(sessionId, { transport, projectKey: project.key, tokenSha, lastSeen: Date.now(), openStreams: 0 });
        },
      },
      this.limits.maxReplyBytes,
    );
    transport.onclose = () => {
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
      void server.close().catch(() => undefined);
    };
    await server.server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  }

  private async stateless(req: Request, res: Response, project: Project): Promise<void> {
    const server = this.makeServer(project);
    const transport = new BoundedTransport({ sessionIdGenerator: undefined, enableJsonResponse: true }, this.limits.maxReplyBytes);
    res.on('close', () => void server.close().catch(() => undefined));
    await server.server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  }

  private closeIdle(): void {
    const cutoff = Date.now() - this.limits.idleMs;
    for (const session of [...this.sessions.values()]) {
      if (session.openStreams === 0 && session.lastSeen < cutoff) void session.transport.close();
    }
  }
}

export function rpcError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}
