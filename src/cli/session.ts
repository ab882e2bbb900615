import { type Config, type SharedFlags, readConfig } from '../config.js';
import type { Project } from '../domain/project.js';
import type { MemoryService } from '../domain/memory-service.js';
import { PostgresEngine } from '../domain/store/postgres/postgres-engine.js';
import type { StoreEngine } from '../domain/store/store-port.js';
import { ProjectContext } from '../mcp/project-context.js';
import type { Logger } from '../mcp/tool-result.js';
import { LOG_LEVELS } from '../config.js';

/**
 * What a command works on: the configuration resolved exactly as the server resolves it (same
 * flags, same variables, same project choice without client roots), and the project's store
 * reached directly through the domain, with no MCP round trip.
 */
export class Session {
  readonly config: Config;
  readonly projects: ProjectContext;
  readonly log: Logger;
  /** Set for a PostgreSQL store; the JSON files are ProjectContext's default. */
  readonly engine: StoreEngine | undefined;

  constructor(flags: SharedFlags, env: NodeJS.ProcessEnv, cwd: string, write: (line: string) => void) {
    this.config = readConfig(flags, env, cwd);
    const threshold = LOG_LEVELS.indexOf(this.config.logLevel);
    this.log = (level, message) => {
      if (LOG_LEVELS.indexOf(level) >= threshold) write(`data-engineer-mcp: ${level === 'info' ? '' : `${level}: `}${message}`);
    };
    // The driver is loaded only for a PostgreSQL store: the JSON default never pays for it.
    this.engine = this.config.postgres
      ? new PostgresEngine(async () => (await import('pg')).default, this.config.postgres, (message) => this.log('warning', message))
      : undefined;
    this.projects = new ProjectContext(
      { explicit: this.config.explicitProject, fallback: this.config.fallbackProject, memoryDir: this.config.memoryDir, projectName: this.config.projectName },
      this.log,
      { maxActivePerAgent: this.config.maxMemoriesPerAgent },
      this.engine,
    );
  }

  /** --project / DATA_ENGINEER_PROJECT, else CLAUDE_PROJECT_DIR, else the working directory. */
  get project(): Project {
    return this.config.explicitProject ?? this.config.fallbackProject;
  }

  get storePath(): string {
    return this.projects.storePath(this.project);
  }

  service(): Promise<MemoryService> {
    return this.projects.ready(this.project);
  }
}
