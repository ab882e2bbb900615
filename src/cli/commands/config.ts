import { join } from 'node:path';
import type { Command } from 'commander';
import { claudeDesktopConfigPath, mergeServerEntry, type ServerEntry } from '../claude-desktop-config.js';
import { EXIT, action } from '../command.js';
import type { Session } from '../session.js';

const SERVER_NAME = 'data-engineer';
const shellQuote = (word: string): string => (/^[\w@%+=:,./-]+$/u.test(word) ? word : `'${word.replace(/'/gu, `'\\''`)}'`);

/** The variables a client must pass so the server uses this project and memory folder. */
function serverEnv(session: Session): Record<string, string> {
  const { config, project } = session;
  return { DATA_ENGINEER_PROJECT: project.root, ...(config.memoryDirSetBy ? { DATA_ENGINEER_MEMORY_DIR: config.memoryDir } : {}) };
}

export function configCommand(program: Command): void {
  const config = program.command('config').description("print a ready client configuration with this installation's absolute paths");
  const entryPoint = (session: Session) => join(session.config.packageRoot, 'dist', 'cli.js');

  config
    .command('claude-code')
    .description('the `claude mcp add --scope project` line (run it in the project folder)')
    .action(
      action(async ({ out, session }) => {
        const { config: settings } = session();
        const env = settings.memoryDirSetBy ? ` -e DATA_ENGINEER_MEMORY_DIR=${shellQuote(settings.memoryDir)}` : '';
        out.out(`claude mcp add --scope project${env} ${SERVER_NAME} -- node ${shellQuote(entryPoint(session()))}`);
        out.err(
          'Run it in the project folder: it writes .mcp.json there (commit it to share the server). Claude Code asks each user to approve ' +
            'servers from a project\'s .mcp.json the first time; `claude mcp list` shows the server connected. Claude Code tells the server the project itself.',
        );
        return EXIT.done;
      }),
    );

  config
    .command('claude-desktop')
    .description('the Claude Desktop mcpServers entry, with DATA_ENGINEER_PROJECT; --write merges it into claude_desktop_config.json')
    .option('--write', "merge the entry into Claude Desktop's config (a backup copy is written first; every other server and setting is kept)")
    .option('--file <path>', 'the config file to write (default: the platform\'s claude_desktop_config.json)')
    .action(
      action(async ({ command, out, session }) => {
        const flags = command.opts<{ write?: boolean; file?: string }>();
        // Claude Desktop does not start servers from a shell, so `node` may not be on its PATH: the absolute path is.
        const entry: ServerEntry = { command: process.execPath, args: [entryPoint(session())], env: serverEnv(session()) };
        if (!flags.write) {
          out.out(JSON.stringify({ mcpServers: { [SERVER_NAME]: entry } }, null, 2));
          out.err(`Put it into ${flags.file ?? claudeDesktopConfigPath(process.env)}, or run this command again with --write; then restart Claude Desktop.`);
          return EXIT.done;
        }
        const outcome = mergeServerEntry(flags.file ?? claudeDesktopConfigPath(process.env), SERVER_NAME, entry, new Date());
        out.out(`${outcome.replaced ? 'Replaced' : 'Added'} "${SERVER_NAME}" in ${outcome.file}${outcome.backup ? `; the file as it was is at ${outcome.backup}` : ''}.`);
        out.err('Restart Claude Desktop to load it.');
        return EXIT.done;
      }),
    );

  config
    .command('inspector')
    .description('the MCP Inspector command for this project')
    .action(
      action(async ({ out, session }) => {
        const env = Object.entries(serverEnv(session())).map(([key, value]) => `-e ${key}=${shellQuote(value)}`);
        out.out(['npx @modelcontextprotocol/inspector', ...env, 'node', shellQuote(entryPoint(session()))].join(' '));
        return EXIT.done;
      }),
    );
}
