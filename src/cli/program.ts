import { Command, Option } from 'commander';
import { LOG_LEVELS } from '../config.js';
import type { CommandModule } from './command.js';

/**
 * The bin's commands and the options they all share. The shared options are the program's, so
 * they work before or after the command name (`--project X add …`, `add … --project X`) and
 * `data-engineer-mcp --project X` still starts the server as before there were commands.
 */
export function buildProgram(version: string, commands: readonly CommandModule[]): Command {
  const program = new Command('data-engineer-mcp')
    .description('The Data Engineer agent and its per-project memory: an MCP server (the default) and commands to see and change the memory.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    // The environment is read by readConfig (src/config.ts), never by commander, so that the
    // server and the commands choose the project and memory folder the one same way.
    .addOption(new Option('--project <dir>', 'project whose memory to use (env DATA_ENGINEER_PROJECT; default CLAUDE_PROJECT_DIR, then the working folder)'))
    .addOption(new Option('--memory-dir <dir>', 'folder holding the stores (env DATA_ENGINEER_MEMORY_DIR)'))
    .addOption(new Option('--store <store>', 'a postgres:// URL to share memories through PostgreSQL, or a memory folder (env DATA_ENGINEER_STORE; default JSON files in the memory folder)'))
    .addOption(new Option('--project-name <name>', "the project's identity in a shared store, the same on every machine (env DATA_ENGINEER_PROJECT_NAME; default the git remote, else the folder)"))
    .addOption(new Option('--log-level <level>', 'least severe stderr log line shown (env DATA_ENGINEER_LOG_LEVEL; default info)').choices(LOG_LEVELS))
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError()
    // Errors come back to src/cli.ts, which exits 2 for usage errors; nothing exits behind our back.
    .exitOverride()
    .addHelpText('after', '\nExit codes: 0 done, 1 refused (the message says why and what to do), 2 usage error.\nSee README.md "Command line".');
  for (const register of commands) register(program);
  return program;
}
