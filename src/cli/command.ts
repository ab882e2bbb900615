import { Command, CommanderError } from 'commander';
import { ConfigError, type SharedFlags, memoryFolderNote } from '../config.js';
import { isMemoryFolderProblem } from '../mcp/memory-messages.js';
import { isMemoryError } from '../domain/errors.js';
import { ArgumentError } from '../mcp/tool-arguments.js';
import { type Output, exitWith, processOutput } from './output.js';

export { exitWith } from './output.js';
import { Session } from './session.js';

/** Exit codes: 0 done, 1 refused (the message says why and what to do), 2 usage error. */
export const EXIT = { done: 0, refused: 1, usage: 2 } as const;

/** A command that cannot do what was asked for a reason outside the store (a file it cannot read or write): exit 1. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

/** One command: a module that adds itself to the program (see src/cli/commands/index.ts). */
export type CommandModule = (program: Command) => void;

export interface CommandRun {
  /** The commander command being run: its .args and .opts(). */
  command: Command;
  out: Output;
  /** Opens the configuration and store on first use, so a bad --memory-dir only troubles commands that need it. */
  session(): Session;
}

/** What an action answers: an exit code, or 'serving' for a command that keeps the process alive. */
export type Outcome = number | 'serving';

/**
 * Wraps a command body: commander passes (...arguments, options, command); the body gets one
 * CommandRun. Refusals become exit 1 with the message, bad argument values exit 2 with the
 * command's usage, anything else is a bug reported with its stack.
 */
export function action(body: (run: CommandRun) => Promise<Outcome>): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const command = args[args.length - 1] as Command;
    const out = processOutput();
    let session: Session | undefined;
    const run: CommandRun = {
      command,
      out,
      session: () => (session ??= new Session(command.optsWithGlobals<SharedFlags>(), process.env, process.cwd(), out.err)),
    };
    let outcome: Outcome;
    try {
      outcome = await body(run);
    } catch (error) {
      outcome = reportFailure(error, command, out, session);
    }
    if (outcome !== 'serving') await exitWith(outcome);
  };
}

function reportFailure(error: unknown, command: Command, out: Output, session: Session | undefined): number {
  if (error instanceof ArgumentError || error instanceof ConfigError) {
    const path = [...ancestry(command)].map((each) => each.name()).join(' ');
    out.err(`data-engineer-mcp: ${error.message}\nUsage: ${path} ${command.usage()}\nRun '${path.replace(/^(\S+)/u, '$1 help')}' for its options.`);
    return EXIT.usage;
  }
  if (error instanceof Refusal) {
    out.err(`data-engineer-mcp: ${error.message}`);
    return EXIT.refused;
  }
  if (isMemoryError(error)) {
    const config = session?.config;
    const note = config && isMemoryFolderProblem(error.message, config.memoryDir) ? ` ${memoryFolderNote(config)}` : '';
    out.err(`data-engineer-mcp: ${inCommandTerms(error.message)}${note}`);
    // A project that does not exist is a usage error of --project / DATA_ENGINEER_PROJECT.
    return error.code === 'project_invalid' ? EXIT.usage : EXIT.refused;
  }
  if (error instanceof CommanderError) throw error;
  out.err(`data-engineer-mcp: internal error, please report it: ${(error as Error)?.stack ?? String(error)}`);
  return EXIT.refused;
}

function* ancestry(command: Command): Generator<Command> {
  if (command.parent) yield* ancestry(command.parent);
  yield command;
}

/** The domain's messages name the MCP tools that fix a problem; here the commands do. */
const TOOL_TO_COMMAND: Record<string, string> = {
  read_memories: "'data-engineer-mcp list' or 'search'",
  add_memory: "'data-engineer-mcp add'",
  update_memory: "'data-engineer-mcp update'",
  delete_memory: "'data-engineer-mcp delete'",
  memory_info: "'data-engineer-mcp info'",
};

export const inCommandTerms = (message: string): string => message.replace(/\b(read_memories|add_memory|update_memory|delete_memory|memory_info)\b/gu, (tool) => TOOL_TO_COMMAND[tool]!);

