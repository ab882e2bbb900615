import type { CommandModule } from '../command.js';
import { serveCommand } from './serve.js';

/** Every command of the bin, in the order `--help` lists them: adding one is a module and a line here. */
export const COMMANDS: readonly CommandModule[] = [
  serveCommand,
];
