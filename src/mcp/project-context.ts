import { fileURLToPath } from 'node:url';
import { type Project, resolveProject, storePathFor } from '../domain/project.js';
import { MemoryService, type MemoryServiceOptions } from '../domain/memory-service.js';
import { removeOrphanTempFiles } from '../domain/store/durable-text-file.js';
import { MemoryStore } from '../domain/store/memory-store.js';
import { isProcessAlive } from '../domain/store/process-alive.js';
import type { Logger } from './tool-result.js';

export interface ProjectChoice {
  /** --project or DATA_ENGINEER_PROJECT: wins over everything the client says. */
  explicit?: Project;
  /** CLAUDE_PROJECT_DIR, else the working directory: used when the client offers no roots. */
  fallback: Project;
  memoryDir: string;
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
  private readonly cleanedUp = new Map<string, Promise<unknown>>();
  /** Told when the client's roots moved the server to another project. */
  onProjectChange: (() => void) | undefined;

  constructor(
    readonly choice: ProjectChoice,
    private readonly log: Logger,
    private readonly serviceOptions: MemoryServiceOptions = {},
  ) {}

  async current(): Promise<Project> {
    if (this.choice.explicit) return this.choice.explicit;
    if (this.rootsPending) await Promise.race([this.rootsPending, new Promise((done) => setTimeout(done, ROOTS_WAIT_MS).unref())]);
    return this.rootsProject ?? this.choice.fallback;
  }

  /** The project a call targets: its own `project` argument, else the current one. */
  async target(projectArg?: string): Promise<{ project: Project; service: MemoryService }> {
    const project = projectArg === undefined ? await this.current() : resolveProject(projectArg, 'argument');
    return { project, service: await this.ready(project) };
  }

  /** The project's service, once the temp files a killed writer left beside its store are gone. */
  async ready(project: Project): Promise<MemoryService> {
    const service = this.serviceFor(project);
    await this.cleanedUp.get(service.store.path);
    return service;
  }

  serviceFor(project: Project): MemoryService {
    const path = storePathFor(this.choice.memoryDir, project.key);
    let service = this.services.get(path);
    if (!service) {
      const store = new MemoryStore(path, {
        project: { name: project.name, root: project.root },
        lock: {
          onWait: () => this.log('warning', `waiting for the lock on ${path} (another server process is writing)`),
          onCompromised: (error) => this.log('warning', `lock on ${path} was taken over: ${error.message}`),
        },
        onQuarantine: (store, copy) => this.log('warning', `memory store ${store} is unreadable; kept a copy at ${copy}`),
        onTornAppend: (store, copy) =>
          this.log('warning', `memory store ${store} ended in an add cut short by a crash (never acknowledged); read and rewritten without it, the file as found kept at ${copy}`),
      });
      service = new MemoryService(store, this.serviceOptions);
      this.services.set(path, service);
      // Temp files a killed writer left beside this store, whichever way the store was reached
      // (start-up project, client roots, a per-call project); removed before its first use.
      this.cleanedUp.set(path, removeOrphanTempFiles(path, isProcessAlive).catch(() => undefined));
    }
    return service;
  }

  storePath(project: Project): string {
    return storePathFor(this.choice.memoryDir, project.key);
  }

  /** Follows the client's roots: the first file:// root picks the project. */
  followRoots(listRoots: () => Promise<{ roots: Array<{ uri: string }> }>): Promise<void> {
    const pending = listRoots()
      .then(({ roots }) => {
        const root = roots.find((candidate) => candidate.uri.startsWith('file://'));
        const previous = this.rootsProject;
        this.rootsProject = root ? resolveProject(fileURLToPath(root.uri), 'roots') : undefined;
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
