import type { Command } from 'commander';
import { memoryFolderNote } from '../../config.js';
import { drainStoreLocks } from '../../domain/store/store-lock.js';
import { watchAgentFolders } from '../../mcp/agent-watch.js';
import { createServer } from '../../mcp/create-server.js';
import { action } from '../command.js';
import type { HttpFlags } from '../http-settings.js';
import type { Session } from '../session.js';
import { StdioLineTransport } from '../stdio-transport.js';

const SHUTDOWN_DRAIN_MS = 1_500;
/**
 * A stdin line longer than this closes the transport (stdio-transport.ts). The SDK's default was
 * 10 MiB, which a legal extract_memories call (4 Mi characters, up to 3 bytes each in UTF-8) can exceed.
 */
const STDIN_LINE_MAX_BYTES = 16 * 1024 * 1024;

/** The stdio MCP server; the default command, so client configs written before the CLI keep working. */
export function serveCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('serve the Data Engineer agent and its memory over MCP stdio (the default command), or with --http as a team server')
    // `data-engineer-mcp lsit` reaches the default command as an operand: answered as an unknown command.
    .allowExcessArguments(true)
    .option('--http', 'serve Streamable HTTP at /mcp/<project> instead of stdio (README "Serve a team")')
    .option('--host <host>', 'with --http: address to listen on (env DATA_ENGINEER_HTTP_HOST; default 127.0.0.1)')
    .option('--port <port>', 'with --http: port (env DATA_ENGINEER_HTTP_PORT; default 3333)')
    .option('--tokens-file <file>', 'with --http: the tokens file (env DATA_ENGINEER_TOKENS_FILE; default in the per-user config folder)')
    .option('--allow-origin <origin...>', 'with --http: browser origins allowed to call, e.g. http://localhost:6274 (env DATA_ENGINEER_ALLOWED_ORIGINS)')
    .option('--allow-host <host...>', 'with --http: Host names accepted besides loopback, e.g. mcp.example.com (env DATA_ENGINEER_ALLOWED_HOSTS)')
    .option('--rate-limit <n>', 'with --http: requests a minute per token (env DATA_ENGINEER_RATE_LIMIT; default 600)')
    .action(
      action(async ({ command, session }) => {
        const stray = command.args[0];
        if (stray !== undefined) program.error(`error: unknown command '${stray}'`, { code: 'commander.unknownCommand', exitCode: 2 });
        const flags = command.opts<HttpFlags & { http?: boolean }>();
        // Loaded only here: the stdio server a client starts at every session never loads express.
        if (flags.http) await (await import('../serve-http-command.js')).serveOverHttp(session(), flags);
        else await serve(session());
        return 'serving';
      }),
    );
}

async function serve(session: Session): Promise<void> {
  const { config, log: say } = session;
  const { server, projects, agents, reloadAgents, close } = createServer({
    name: 'data-engineer-mcp',
    version: config.version,
    agentDirs: config.agentDirs,
    projectChoice: { explicit: config.explicitProject, fallback: config.fallbackProject, memoryDir: config.memoryDir, projectName: config.projectName },
    promptMemoryChars: config.promptMemoryChars,
    maxMemoriesPerAgent: config.maxMemoriesPerAgent,
    ...(session.engine ? { store: session.engine } : {}),
    memoryFolderNote: memoryFolderNote(config),
    log: say,
  });

  const project = session.project;
  const storePath = projects.storePath(project);
  // The start-up store is made ready before the first request (its orphan temp files removed, its
  // schema migrated). A database that cannot be reached is said, not fatal: each call says it again.
  await projects.ready(project).catch((error: unknown) => say('warning', (error as Error).message));

  // stdout carries JSON-RPC only; every human-readable line goes to stderr (session.log).
  const transport = new StdioLineTransport(process.stdin, process.stdout, STDIN_LINE_MAX_BYTES);
  let stopWatchingAgents = () => {};
  let closing = false;
  const shutdown = (why: string) => {
    if (closing) return;
    closing = true;
    say('debug', `shutting down (${why})`);
    stopWatchingAgents();
    // Let writes in flight finish and release their lock first: exiting mid-lock leaves a
    // `<store>.lock` that every other server would wait out. Bounded well inside the 2 s a
    // client allows before it escalates to SIGKILL.
    void drainStoreLocks(SHUTDOWN_DRAIN_MS)
      .then(() => close())
      .finally(() => process.exit(0));
  };
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await server.connect(transport);
  // The transport also closes itself (e.g. on an over-long garbage line); without this the
  // process would live on as an orphan that neither answers nor notices stdin closing.
  server.server.onclose = () => shutdown('transport closed');
  stopWatchingAgents = watchAgentFolders(config.agentDirs, reloadAgents, say);

  const roots = config.explicitProject ? '' : ' (client roots may switch it)';
  say(
    'info',
    `v${config.version} serving ${[...agents.agents.keys()].join(', ') || 'no agents'} on stdio; project ${project.name} ` +
      `(${project.root}, from ${project.source})${roots}; store ${storePath} [${config.postgres ? 'PostgreSQL' : `memory folder from ${config.memoryDirSource}`}]`,
  );
}
