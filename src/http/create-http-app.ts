import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import { hostHeaderValidation, localhostHostValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import { isMemoryError } from '../domain/errors.js';
import { type Project, namedProject } from '../domain/project.js';
import { type SharedRequestCounter, accessLog, bodyErrors, originValidation, perTokenRateLimit } from './http-guards.js';
import { type McpSessions, rpcError } from './mcp-sessions.js';

export interface HttpAppOptions {
  /** Where requests come in: a loopback host gets the SDK's localhost Host check. */
  host: string;
  /** Host names (without port) the Host header may carry besides; empty on a public host means any. */
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  /**
   * Who may call: a verifier of bearer tokens (the tokens file today; an OAuth verifier can take
   * its place, with `resourceMetadataUrl` pointing at the SDK's protected-resource metadata), or
   * 'open' on a loopback server without a tokens file.
   */
  auth: { verifier: OAuthTokenVerifier; resourceMetadataUrl?: string } | 'open';
  maxBodyBytes: number;
  ratePerMinute: number;
  /** Where each token's requests are counted across replicas; default: in this process. */
  sharedCounter?: SharedRequestCounter;
  defaultProject: Project;
  version: string;
  isDraining: () => boolean;
  log: (line: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const isLoopback = (host: string): boolean => LOOPBACK.has(host);

/** Every layer in the order a request meets it; the MCP endpoint itself is the SDK's transport. */
export function createHttpApp(sessions: McpSessions, options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Outside every check: a load balancer probes by IP and without a token.
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', version: options.version, sessions: sessions.size }));
  app.use(accessLog(options.log));
  app.use((_req, res, next) => {
    if (!options.isDraining()) return next();
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '1');
    rpcError(res, 503, -32000, 'The server is shutting down; retry in a moment (another replica may answer).');
  });
  const hostsChecked = isLoopback(options.host) || options.allowedHosts.length > 0;
  if (isLoopback(options.host) && options.allowedHosts.length === 0) app.use(localhostHostValidation());
  else if (options.allowedHosts.length > 0) app.use(hostHeaderValidation([...options.allowedHosts, ...(isLoopback(options.host) ? ['localhost', '127.0.0.1', '[::1]'] : [])]));
  app.use(originValidation(options.allowedOrigins, hostsChecked ? 'host-checked' : 'any-host'));
  if (options.allowedOrigins.length > 0) {
    app.use(cors({ origin: [...options.allowedOrigins], exposedHeaders: ['Mcp-Session-Id', 'WWW-Authenticate', 'Retry-After'] }));
  }
  if (options.auth !== 'open') app.use('/mcp', requireBearerAuth(options.auth));
  app.use('/mcp', perTokenRateLimit(options.ratePerMinute, options.sharedCounter, (message) => options.log(`warning: ${message}`)));
  app.use('/mcp', express.json({ limit: options.maxBodyBytes }), bodyErrors);

  const endpoint = (project: (req: Request) => Project) => async (req: Request, res: Response) => {
    let chosen: Project;
    try {
      chosen = project(req);
    } catch (error) {
      if (!isMemoryError(error)) throw error;
      return rpcError(res, 404, -32000, `${error.message} The URL is /mcp/<project>.`);
    }
    await sessions.handle(req, res, chosen);
  };
  app.all('/mcp', endpoint(() => options.defaultProject));
  app.all('/mcp/:project', endpoint((req) => namedProject(String(req.params.project), 'url')));
  app.use((_req, res) => rpcError(res, 404, -32000, 'Not found: the MCP endpoint is /mcp/<project> (or /mcp for the default project).'));
  // Express's own handler would answer with the stack; the client gets a short line, the log the rest.
  app.use(((error, _req, res, _next) => {
    options.log(`error: internal error: ${(error as Error)?.stack ?? String(error)}`);
    if (!res.headersSent) rpcError(res, 500, -32603, 'Internal error in data-engineer-mcp; the server log has details.');
  }) as ErrorRequestHandler);
  return app;
}
