// The one bin, data-engineer-mcp: `serve` (the stdio MCP server, the default) and the commands
// that read and change the memory directly. The only place that reads argv and the environment.
import { CommanderError } from 'commander';
import { packageVersion } from './config.js';
import { EXIT, exitWith } from './cli/command.js';
import { COMMANDS } from './cli/commands/index.js';
import { buildProgram } from './cli/program.js';

async function main(): Promise<void> {
  const program = buildProgram(packageVersion(), COMMANDS);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help, --version and `help` end as "errors" with exit code 0; every other one is a usage
    // error (unknown command or option, missing value), already printed with the usage.
    await exitWith(error.exitCode === 0 ? EXIT.done : EXIT.usage);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`data-engineer-mcp: fatal: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
