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
    const path = storePathFor(this.location, project.key);
    let store = this.stores.get(path);
    if (!store) {
      store = new MemoryStore(path, { ...this.events(path), project: { name: project.name, root: project.root } });
      this.stores.set(path, store);
    }
    return store;
  }

  list(): Promise<StoreSummary[]> {
    return listStores(this.location);
  }

  /** Writes in flight are drained by drainStoreLocks (every store lock of the process). */
  async close(): Promise<void> {}
}
