import type { Project } from '../project.js';
import { jsonStorePath } from './json-store-path.js';
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
      const path = jsonStorePath(this.location, project);
      store = new MemoryStore(path, { ...this.events(path), project: { name: project.name, root: project.root } });
      this.stores.set(id, store);
    }
    return store;
  }

  list(): Promise<StoreSummary[]> {
    const inUse = new Map([...this.stores.values()].map((store) => [store.path, store]));
    return listStores(this.location, async (path) => inUse.get(path)?.read());
  }

  /** Writes in flight are drained by drainStoreLocks (every store lock of the process). */
  async close(): Promise<void> {}
}
