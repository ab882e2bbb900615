import { existsSync } from 'node:fs';
import { type Project, storePathFor } from '../project.js';
import { type StoreSummary, listStores } from './list-stores.js';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
import type { MemoryStorePort, StoreEngine } from './store-port.js';

/** What a store file tells its owner (lock waits, quarantines, torn appends), per file. */
export type JsonStoreEvents = (path: string) => Omit<MemoryStoreOptions, 'project' | 'textFile' | 'now'>;

/** The default engine: one JSON file per project in the memory folder (memory-store.ts). */
export class JsonStoreEngine implements StoreEngine {
  readonly kind = 'json';
  private readonly stores = new Map<string, MemoryStore>();

  constructor(
    readonly location: string,
    private readonly events: JsonStoreEvents = () => ({}),
  ) {}

  open(project: Project): MemoryStorePort {
    // Resolved once per project: which file it uses does not change under a running server.
    const id = `${project.key}\0${project.folderKey}`;
    let store = this.stores.get(id);
    if (!store) {
      const path = this.pathOf(project);
      store = new MemoryStore(path, { ...this.events(path), project: { name: project.name, root: project.root } });
      this.stores.set(id, store);
    }
    return store;
  }

  /**
   * A store made before projects had identities is keyed by the folder path; it is kept in use
   * (never renamed or split) until a store under the identity's key exists.
   */
  private pathOf(project: Project): string {
    const byIdentity = storePathFor(this.location, project.key);
    if (project.key === project.folderKey || existsSync(byIdentity)) return byIdentity;
    const byFolder = storePathFor(this.location, project.folderKey);
    return existsSync(byFolder) ? byFolder : byIdentity;
  }

  list(): Promise<StoreSummary[]> {
    const inUse = new Map([...this.stores.values()].map((store) => [store.path, store]));
    return listStores(this.location, async (path) => inUse.get(path)?.read());
  }

  /** Writes in flight are drained by drainStoreLocks (every store lock of the process). */
  async close(): Promise<void> {}
}
