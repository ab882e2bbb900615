import { isMemoryError } from '../domain/errors.js';
import type { MemoryService } from '../domain/memory-service.js';
import { basename } from 'node:path';
import type { Project } from '../domain/project.js';
import type { ProjectIdentity } from '../domain/project-identity.js';
import type { StoreSummary } from '../domain/store/list-stores.js';
import type { StoreEngine } from '../domain/store/store-port.js';
import { storeNeedsRepair } from '../domain/store/store-errors.js';

/** What chose the project, in words; memory_info and the CLI's info say the same. */
export const PROJECT_SOURCE_TEXT = {
  argument: 'the project argument of this call',
  cli: 'the --project option',
  env: 'DATA_ENGINEER_PROJECT',
  roots: "the client's first file:// root",
  'claude-project-dir': 'CLAUDE_PROJECT_DIR',
  cwd: 'the working directory',
  url: "the team server's URL (/mcp/<project>)",
} as const;

export interface MemoryInfo {
  project: { name: string; root: string; key: string };
  source: Project['source'];
  /** What made this one project, and the key its store is under (a folder key for a JSON store made before identities). */
  identity: ProjectIdentity & { storeKey: string };
  storePath: string;
  engine: StoreEngine['kind'];
  /** The memory folder, or the PostgreSQL URL without its password. */
  memoryDir: string;
  counts: Record<string, number>;
  problem?: string;
  projects: StoreSummary[];
}

/** The facts of memory_info and `data-engineer-mcp info`: gathered once, worded by each surface. */
export async function gatherInfo(project: Project, service: MemoryService, engine: StoreEngine): Promise<MemoryInfo> {
  let counts: Record<string, number> = { total: 0 };
  let problem: string | undefined;
  try {
    counts = await service.countsByType();
    if (service.flaws.length > 0) problem = storeNeedsRepair(service.location, service.flaws).message;
    if (service.readOnlyBecauseNewer) {
      problem = `The store was written by a newer data-engineer-mcp; it is read but never written here. Upgrade to add or change memories.`;
    }
  } catch (error) {
    if (!isMemoryError(error)) throw error;
    problem = error.message;
  }
  const projects = await engine.list().catch((error: unknown) => {
    if (!isMemoryError(error)) throw error;
    problem ??= error.message;
    return [];
  });
  return {
    project: { name: project.name, root: project.root, key: project.key },
    source: project.source,
    identity: { ...project.identity, storeKey: engine.kind === 'json' ? basename(service.location, '.json') : project.key },
    storePath: service.location,
    engine: engine.kind,
    memoryDir: engine.location,
    counts,
    ...(problem ? { problem } : {}),
    projects,
  };
}

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
