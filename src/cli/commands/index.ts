import type { CommandModule } from '../command.js';
import { addCommand } from './add.js';
import { configCommand } from './config.js';
import { hookCommands } from './hooks.js';
import { infoCommand } from './info.js';
import { listCommand, searchCommand } from './list.js';
import { repairCommand } from './repair.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { tokenCommand } from './token.js';
import { exportCommand, importCommand } from './transfer.js';
import { deleteCommand, updateCommand } from './update.js';

/** Every command of the bin, in the order `--help` lists them: adding one is a module and a line here. */
export const COMMANDS: readonly CommandModule[] = [
  serveCommand,
  addCommand,
  listCommand,
  searchCommand,
  updateCommand,
  deleteCommand,
  exportCommand,
  importCommand,
  migrateCommand,
  infoCommand,
  repairCommand,
  configCommand,
  tokenCommand,
  hookCommands,
];
