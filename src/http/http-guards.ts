import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { type Store, rateLimit } from 'express-rate-limit';
import { rpcError } from './mcp-sessions.js';

/** The name requests are counted and logged under: the token's name, or "-" on an open loopback server. */
export const callerOf = (req: Request): string => req.auth?.clientId ?? '-';

/**
 * A browser sends Origin; a page on another site must not drive this server with the user's
 * network position (DNS rebinding, or a page calling http://127.0.0.1 directly). The spec says
 * answer 403. Clients that are not browsers send no Origin and pass.
 *
 * An Origin naming the request's own Host is this server's own origin, not another site's: it
 * passes where the Host header is checked (a loopback host, or --allow-host names), as the MCP
 * conformance suite's dns-rebinding-protection expects. Where any Host is taken, a rebound name
 * matches itself, so there only the listed origins pass.
 */
export function originValidation(allowedOrigins: readonly string[], hosts: 'host-checked' | 'any-host'): RequestHandler {
  const allowed = new Set(allowedOrigins.map((origin) => origin.replace(/\/$/u, '')));
  return (req, res, next) => {
    const origin = req.header('origin');
    if (origin === undefined || allowed.has(origin)) return next();
    if (hosts === 'host-checked' && hostOf(origin) === req.header('host')?.toLowerCase()) return next();
    rpcError(res, 403, -32000, `Origin ${origin} is not allowed; the server admin can allow it with --allow-origin ${origin}.`);
  };
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** A count every replica shares (PostgreSQL's request-counter.ts): hit, take one back, forget a key. */
export interface SharedRequestCounter {
  hit(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  undo(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

const WINDOW_MS = 60_000;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Per token name. With a shared counter the limit holds across replicas (a client spread over two
 * gets the limit once, not twice); without one, each replica counts its own requests. When the
 * shared count cannot be reached the request goes on uncounted, with a warning: the memory call
 * itself then says what is wrong with the database, and a counter must not take the service down.
 */
export function perTokenRateLimit(perMinute: number, shared: SharedRequestCounter | undefined, warn: (message: string) => void): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    keyGenerator: callerOf,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(shared ? { store: sharedStore(shared), passOnStoreError: true } : {}),
    // Its own messages ("error from store, allowing request without rate-limiting") go to our log, not the console.
    logger: { error: (error, message) => warn(`${message ?? 'express-rate-limit'} (${errorText(error)})`), warn: (error, message) => warn(`${message ?? 'express-rate-limit'} (${errorText(error)})`) },
    handler: (req, res) => {
      rpcError(res, 429, -32000, `Rate limit: at most ${perMinute} requests a minute for ${callerOf(req)}; retry after the seconds in Retry-After.`);
    },
  });
}

/** express-rate-limit's seam for a count kept outside the process. */
function sharedStore(counter: SharedRequestCounter): Store {
  return {
    localKeys: false,
    increment: async (key) => {
      const { hits, resetAt } = await counter.hit(key, WINDOW_MS);
      return { totalHits: hits, resetTime: resetAt };
    },
    decrement: (key) => counter.undo(key),
    resetKey: (key) => counter.reset(key),
  };
}

/** One stderr line per request once it is answered: never the token, never a body. */
export function accessLog(write: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('close', () => {
      const ms = Math.round(performance.now() - started);
      write(`${req.method} ${projectOfPath(req.originalUrl.split('?')[0]!)} ${rpcMethodsOf(req.body)} ${callerOf(req)} ${res.statusCode} ${ms}ms`);
    });
    next();
  };
}

const projectOfPath = (path: string): string => (path.startsWith('/mcp/') ? decodeURIComponent(path.slice(5)) || '(default)' : path === '/mcp' ? '(default)' : path);

/** "tools/call:add_memory" etc.; a batch lists each. */
function rpcMethodsOf(body: unknown): string {
  const messages = Array.isArray(body) ? body : [body];
  const names = messages.map((message) => {
    if (typeof message !== 'object' || message === null || typeof message.method !== 'string') return undefined;
    const tool = message.method === 'tools/call' && typeof message.params?.name === 'string' ? `:${message.params.name}` : '';
    return `${message.method}${tool}`.slice(0, 80);
  });
  return names.filter(Boolean).join(',') || '-';
}

/** express.json's failures (too large, not JSON) answered as JSON-RPC errors with the right status. */
export const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number; limit?: number }, _req: Request, res: Response, next: NextFunction) => {
  if (error.type === 'entity.too.large') return rpcError(res, 413, -32000, `Request body over this server's ${error.limit}-byte limit; send less in one call.`);
  if (error.type === 'entity.parse.failed') return rpcError(res, 400, -32700, 'Parse error: the request body is not valid JSON.');
  next(error);
};
