import { fileURLToPath } from 'node:url';
import { type Project, resolveProject } from '../domain/project.js';
import { MemoryService, type MemoryServiceOptions } from '../domain/memory-service.js';
import { JsonStoreEngine } from '../domain/store/json-engine.js';
import type { StoreEngine } from '../domain/store/store-port.js';
import type { Logger } from './tool-result.js';
import { urlProjectRefusal } from './url-project-only.js';
import { MemoryError } from '../domain/errors.js';

export interface ProjectChoice {
  /** --project or DATA_ENGINEER_PROJECT: wins over everything the client says. */
  explicit?: Project;
  /** CLAUDE_PROJECT_DIR, else the working directory: used when the client offers no roots. */
  fallback: Project;
  memoryDir: string;
  /** --project-name: the identity of the server's project, whichever folder the roots name. */
  projectName?: string;
  /**
   * A team server session's URL path (/mcp/<project>): its explicit project is the only one any
   * call reaches, and a per-call project argument is refused (see url-project-only.ts).
   */
  urlPath?: string;
}

/** How long a tool call waits for the client's roots/list answer before using the fallback. */
const ROOTS_WAIT_MS = 3_000;

/**
 * Which project (and so which store) a call works on. The client's roots can arrive after the
 * first request, so calls wait briefly for a pending roots/list rather than guess.
 */
export class ProjectContext {
  private rootsProject: Project | undefined;
  private rootsPending: Promise<void> | undefined;
  private readonly services = new Map<string, MemoryService>();
  /** Where the stores live: the JSON files of the memory folder unless a PostgreSQL engine is given. */
  readonly engine: StoreEngine;
  /** Told when the client's roots moved the server to another project. */
  onProjectChange: (() => void) | undefined;

  constructor(
    readonly choice: ProjectChoice,
    private readonly log: Logger,
    private readonly serviceOptions: MemoryServiceOptions = {},
    engine?: StoreEngine,
  ) {
    this.engine = engine ?? new JsonStoreEngine(choice.memoryDir, (path) => this.fileEvents(path));
  }

  async current(): Promise<Project> {
    if (this.choice.explicit) return this.choice.explicit;
    if (this.rootsPending) await Promise.race([this.rootsPending, new Promise((done) => setTimeout(done, ROOTS_WAIT_MS).unref())]);
    return this.rootsProject ?? this.choice.fallback;
  }

  /** The project a call targets: its own `project` argument, else the current one. */
  async target(projectArg?: string): Promise<{ project: Project; service: MemoryService }> {
    if (projectArg !== undefined && this.choice.urlPath !== undefined) {
      throw new MemoryError('project_invalid', urlProjectRefusal(this.choice.explicit?.name ?? '', this.choice.urlPath));
    }
    const project = projectArg === undefined ? await this.current() : resolveProject(projectArg, 'argument');
    return { project, service: await this.ready(project) };
  }

  /** The project's service, once its store is ready (schema migrated, a killed writer's temp files gone). */
  async ready(project: Project): Promise<MemoryService> {
    const service = this.serviceFor(project);
    await service.ready();
    return service;
  }

  serviceFor(project: Project): MemoryService {
    const store = this.engine.open(project);
    let service = this.services.get(store.location);
    if (!service) {
      service = new MemoryService(store, this.serviceOptions);
      this.services.set(store.location, service);
    }
    return service;
  }

  /** Where the project's memories live: a file, or a PostgreSQL URL (without its password) and key. */
  storePath(project: Project): string {
    return this.engine.open(project).location;
  }

  private fileEvents(path: string) {
    return {
      lock: {
        onWait: () => this.log('warning', `waiting for the lock on ${path} (another server process is writing)`),
        onCompromised: (error: Error) => this.log('warning', `lock on ${path} was taken over: ${error.message}`),
      },
      onQuarantine: (store: string, copy: string) => this.log('warning', `memory store ${store} is unreadable; kept a copy at ${copy}`),
      onTornAppend: (store: string, copy: string) =>
        this.log('warning', `memory store ${store} ended in an add cut short by a crash (never acknowledged); read and rewritten without it, the file as found kept at ${copy}`),
    };
  }

  /** Follows the client's roots: the first file:// root picks the project. */
  followRoots(listRoots: () => Promise<{ roots: Array<{ uri: string }> }>): Promise<void> {
    const pending = listRoots()
      .then(({ roots }) => {
        const root = roots.find((candidate) => candidate.uri.startsWith('file://'));
        const previous = this.rootsProject;
        this.rootsProject = root ? resolveProject(fileURLToPath(root.uri), 'roots', 'project', this.choice.projectName) : undefined;
        if (this.rootsProject?.key !== previous?.key) {
          this.onProjectChange?.();
          this.log('info', `project is now ${this.rootsProject ? `${this.rootsProject.root} (from the client's roots)` : `${this.choice.fallback.root} (no file:// root)`}`);
        }
      })
      .catch((error: unknown) => this.log('warning', `could not use the client's roots: ${(error as Error).message}`))
      .finally(() => {
        if (this.rootsPending === pending) this.rootsPending = undefined;
      });
    this.rootsPending = pending;
    return pending;
  }
}
