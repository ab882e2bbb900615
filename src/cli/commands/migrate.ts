import { resolve } from 'node:path';
import type { Command } from 'commander';
import { postgresOptions } from '../../config.js';
import { copyMemories } from '../../domain/store/copy-memories.js';
import { JsonStoreEngine } from '../../domain/store/json-engine.js';
import { isPostgresUrl } from '../../domain/store/postgres/connection.js';
import { PostgresEngine } from '../../domain/store/postgres/postgres-engine.js';
import type { StoreEngine } from '../../domain/store/store-port.js';
import { EXIT, action } from '../command.js';

/** A store as the user names it: a postgres:// URL, else a memory folder. */
function engineFor(store: string, warn: (message: string) => void): StoreEngine {
  if (isPostgresUrl(store)) return new PostgresEngine(async () => (await import('pg')).default, postgresOptions(store, process.env), warn);
  return new JsonStoreEngine(resolve(store));
}

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description("copy a project's memories from one store to another (a memory folder or a postgres:// URL); the source is only read")
    .requiredOption('--from <store>', 'the store to copy from: a memory folder or a postgres:// URL')
    .requiredOption('--to <store>', 'the store to copy into: a memory folder or a postgres:// URL')
    .option('--json', 'print {source, copied, alreadyThere, from, to} as JSON')
    .action(
      action(async ({ command, out, session }) => {
        const flags = command.opts<{ from: string; to: string; json?: boolean }>();
        const { project, log } = session();
        const warn = (message: string) => log('warning', message);
        const from = engineFor(flags.from, warn);
        const to = engineFor(flags.to, warn);
        try {
          const source = from.open(project);
          const target = to.open(project);
          await Promise.all([source.ready(), target.ready()]);
          const report = await copyMemories(source, target);
          if (flags.json) out.json({ ...report, from: source.location, to: target.location });
          else {
            out.out(
              `Copied ${report.copied} of ${report.source} memories of ${project.name} from ${source.location} to ${target.location}` +
                (report.alreadyThere ? ` (${report.alreadyThere} were there already)` : '') +
                '; every one checked in the target, the source unchanged.',
            );
          }
          return EXIT.done;
        } finally {
          await Promise.all([from.close(), to.close()]);
        }
      }),
    );
}
