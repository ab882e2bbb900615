import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { drainStoreLocks } from './domain/store/store-lock.js';
import { LOG_LEVELS, USAGE, readConfig } from './config.js';
import { watchAgentFolders } from './mcp/agent-watch.js';
import { createServer } from './mcp/create-server.js';
import type { Logger } from './mcp/tool-result.js';

// stdout carries JSON-RPC only; every human-readable line goes to stderr.
const say = (line: string) => process.stderr.write(`data-engineer-mcp: ${line}\n`);
const SHUTDOWN_DRAIN_MS = 1_500;
/**
 * The SDK closes the transport on a stdin line longer than its 10 MiB default, which a legal
 * extract_memories call (4 Mi characters, up to 3 bytes each in UTF-8) can exceed.
 */
const STDIN_LINE_MAX_BYTES = 16 * 1024 * 1024;

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    say(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (config === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const log: Logger = (level, message) => {
    if (LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(config.logLevel)) say(`${level === 'info' ? '' : `${level}: `}${message}`);
  };

  const { server, projects, agents, reloadAgents, close } = createServer({
    name: 'data-engineer-mcp',
    version: config.version,
    agentDirs: config.agentDirs,
    projectChoice: { explicit: config.explicitProject, fallback: config.fallbackProject, memoryDir: config.memoryDir },
    promptMemoryChars: config.promptMemoryChars,
    maxMemoriesPerAgent: config.maxMemoriesPerAgent,
    log,
  });

  const project = config.explicitProject ?? config.fallbackProject;
  const storePath = projects.storePath(project);
  // The start-up store is made ready before the first request (its orphan temp files removed).
  await projects.ready(project);

  const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: STDIN_LINE_MAX_BYTES });
  let stopWatchingAgents = () => {};
  let closing = false;
  const shutdown = (why: string) => {
    if (closing) return;
    closing = true;
    log('debug', `shutting down (${why})`);
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
  stopWatchingAgents = watchAgentFolders(config.agentDirs, reloadAgents, log);

  const roots = config.explicitProject ? '' : ' (client roots may switch it)';
  say(
    `v${config.version} serving ${[...agents.agents.keys()].join(', ') || 'no agents'} on stdio; project ${project.name} ` +
      `(${project.root}, from ${project.source})${roots}; store ${storePath} [${config.memoryDirSource}]`,
  );
}

main().catch((error: unknown) => {
  say(`fatal: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});
