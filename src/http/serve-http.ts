import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Project } from '../domain/project.js';
import type { StoreEngine } from '../domain/store/store-port.js';
import { watchAgentFolders } from '../mcp/agent-watch.js';
import { type DataEngineerServer, createServer } from '../mcp/create-server.js';
import { ProjectContext } from '../mcp/project-context.js';
import type { Logger } from '../mcp/tool-result.js';
import { createHttpApp, isLoopback } from './create-http-app.js';
import type { SharedRequestCounter } from './http-guards.js';
import { McpSessions } from './mcp-sessions.js';
import { TokenRegistry } from './token-registry.js';

export interface HttpServeOptions {
  host: string;
  port: number;
  /** The tokens file, or undefined for an open server (allowed on a loopback host only). */
  tokensFile: string | undefined;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  maxBodyBytes: number;
  maxReplyBytes: number;
  ratePerMinute: number;
  maxSessions: number;
  sessionIdleMs: number;
  /** How long SIGTERM waits for requests in flight before closing anyway. */
  drainMs: number;
}

/** What the MCP servers need, as the stdio server gets it from the configuration. */
export interface McpConfig {
  version: string;
  agentDirs: string[];
  memoryDir: string;
  promptMemoryChars: number;
  maxMemoriesPerAgent: number;
  defaultProject: Project;
  /** One PostgreSQL engine for every project; default: the JSON files of memoryDir. */
  store?: StoreEngine;
  /** Counts each token's requests for all replicas (PostgreSQL); default: each replica its own. */
  requestCounter?: SharedRequestCounter;
}

export const HTTP_DEFAULTS = {
  host: '127.0.0.1',
  port: 3333,
  // As large as the stdio server's line bound: a legal extract_memories call can reach 12 MiB.
  maxBodyBytes: 16 * 1024 * 1024,
  maxReplyBytes: 16 * 1024 * 1024,
  ratePerMinute: 600,
  maxSessions: 1_000,
  sessionIdleMs: 30 * 60_000,
  drainMs: 10_000,
} as const;

export interface RunningHttpServer {
  url: string;
  /** Stops taking requests, lets those in flight finish (up to drainMs), closes every session. */
  close(): Promise<void>;
}

export class StartRefused extends Error {}

export async function serveHttp(config: McpConfig, options: HttpServeOptions, log: Logger): Promise<RunningHttpServer> {
  if (!options.tokensFile && !isLoopback(options.host)) {
    throw new StartRefused(
      `refusing to serve on ${options.host} without tokens: anyone who can reach it could read and change the memory. ` +
        'Add a token first (`data-engineer-mcp token add NAME`) or pass --tokens-file FILE; an open server is allowed on 127.0.0.1 only.',
    );
  }
  // One context per project, shared by all its sessions: one store object, one lock holder.
  const contexts = new Map<string, ProjectContext>();
  const live = new Set<DataEngineerServer>();
  const makeServer = (project: Project): DataEngineerServer => {
    let projects = contexts.get(project.key);
    if (!projects) {
      // The URL's project is the session's only one: no call reaches another by a `project` argument.
      const urlPath = project.source === 'url' ? `/mcp/${project.name}` : '/mcp';
      const choice = { explicit: project, fallback: project, memoryDir: config.memoryDir, urlPath };
      projects = new ProjectContext(choice, log, { maxActivePerAgent: config.maxMemoriesPerAgent }, config.store);
      contexts.set(project.key, projects);
    }
    const server = createServer({
      name: 'data-engineer-mcp',
      version: config.version,
      agentDirs: config.agentDirs,
      projectChoice: projects.choice,
      promptMemoryChars: config.promptMemoryChars,
      maxMemoriesPerAgent: config.maxMemoriesPerAgent,
      log,
      projects,
      ...(config.store ? { store: config.store } : {}),
    });
    live.add(server);
    return {
      ...server,
      close: () => {
        live.delete(server);
        return server.close();
      },
    };
  };

  const sessions = new McpSessions(makeServer, { maxReplyBytes: options.maxReplyBytes, maxSessions: options.maxSessions, idleMs: options.sessionIdleMs });
  const tokens = options.tokensFile
    ? new TokenRegistry(options.tokensFile, () => sessions.closeWhere((sha) => !tokens?.accepts(sha)), (message) => log('warning', message))
    : undefined;
  let draining = false;
  const app = createHttpApp(sessions, {
    host: options.host,
    allowedHosts: options.allowedHosts,
    allowedOrigins: options.allowedOrigins,
    auth: tokens ? { verifier: tokens } : 'open',
    maxBodyBytes: options.maxBodyBytes,
    ratePerMinute: options.ratePerMinute,
    ...(config.requestCounter ? { sharedCounter: config.requestCounter } : {}),
    defaultProject: config.defaultProject,
    version: config.version,
    isDraining: () => draining,
    log: (line) => log('info', line),
  });

  const http = createHttpServer(app);
  // Node closes an idle keep-alive socket after 5 s; a client sending on it just then gets
  // ECONNRESET for a POST it cannot safely retry (seen with 20 clients under load). Idle sockets
  // stay open longer than clients and load balancers keep them (60 s is the common default).
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  // Requests that change or answer something; GET holds an event stream open and is not waited for.
  let inFlight = 0;
  http.on('request', (req, res) => {
    if (req.method === 'GET') return;
    inFlight++;
    res.on('close', () => inFlight--);
  });
  await new Promise<void>((listening, failed) => {
    http.once('error', failed);
    http.listen(options.port, options.host, () => listening());
  });
  const stopWatchingAgents = watchAgentFolders(config.agentDirs, () => live.forEach((server) => server.reloadAgents()), log);
  const { port } = http.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const who = tokens ? `${tokens.names.length} token(s) from ${options.tokensFile}` : 'no tokens (open on loopback)';
  log('info', `v${config.version} serving MCP over HTTP at ${url}/mcp/<project> (default project ${config.defaultProject.name} at ${url}/mcp); ${who}; stores in ${config.memoryDir}`);

  return {
    url,
    close: async () => {
      draining = true;
      stopWatchingAgents();
      http.close();
      http.closeIdleConnections();
      const deadline = Date.now() + options.drainMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((tick) => setTimeout(tick, 20));
      await sessions.closeAll();
      tokens?.close();
      http.closeAllConnections();
      // The engines made here (one JSON engine per project); a given engine is its owner's to close.
      await Promise.all([...contexts.values()].map((projects) => (projects.engine === config.store ? undefined : projects.engine.close())));
    },
  };
}
