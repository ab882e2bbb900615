import type { Command } from 'commander';
import { MEMORY_TYPES } from '../../domain/memory.js';
import { PROJECT_SOURCE_TEXT, gatherInfo, plural } from '../../mcp/memory-info.js';
import { EXIT, action } from '../command.js';
import { alignColumns } from '../output.js';

export function infoCommand(program: Command): void {
  program
    .command('info')
    .description('the project in use and how it was chosen, its store, counts by type, every project with a store')
    .option('--json', "print memory_info's record as JSON")
    .action(
      action(async ({ command, out, session }) => {
        const { project, config } = session();
        const info = await gatherInfo(project, await session().service(), session().projects.engine);
        if (command.opts<{ json?: boolean }>().json) {
          out.json({ ...info, memoryDirSource: config.memoryDirSource });
          return EXIT.done;
        }
        const { counts } = info;
        const lines = [
          `Project       ${project.name}  ${project.root}`,
          `chosen by     ${PROJECT_SOURCE_TEXT[project.source]}`,
          `identity      ${info.identity.kind} ${info.identity.value}`,
          `Store         ${info.storePath}`,
          ...(config.postgres ? [`PostgreSQL    ${info.memoryDir}`] : [`memory folder ${config.memoryDir}`, `  from        ${config.memoryDirSource}`]),
          info.problem
            ? `Problem       ${info.problem}`
            : `Memories      ${counts.total} active, ${counts.archived ?? 0} archived: ${MEMORY_TYPES.map((type) => `${type} ${counts[type] ?? 0}`).join(', ')}`,
          '',
          info.projects.length ? `Projects with a store in ${info.memoryDir}:` : `No project has a store in ${info.memoryDir} yet.`,
          ...alignColumns(
            info.projects.map((store) => [
              `  ${store.name ?? store.key}`,
              store.problem ? 'unreadable' : plural(store.count ?? 0, 'memory', 'memories'),
              store.problem ? `${store.key}.json: ${store.problem}` : (store.root ?? ''),
            ]),
          ),
        ];
        out.out(lines.join('\n'));
        return EXIT.done;
      }),
    );
}
