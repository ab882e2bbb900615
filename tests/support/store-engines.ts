import { rmSync } from 'node:fs';
import { test as base } from 'vitest';
import { resolveProject, type Project } from '../../src/domain/project.js';
import { MemoryService, type MemoryServiceOptions } from '../../src/domain/memory-service.js';
import { JsonStoreEngine } from '../../src/domain/store/json-engine.js';
import type { StoreEngine } from '../../src/domain/store/store-port.js';
import { freshDatabase, postgresEngine } from './postgres.js';
import { tempDir } from './server-process.js';

export type EngineKind = 'json' | 'postgres';

/**
 * One store location (a memory folder, or a database) that any number of "servers" open: each
 * `server()` is an engine of its own, as another process would have, on the same store.
 */
export interface StoreWorld {
  kind: EngineKind;
  project: Project;
  /** Where the store lives: the folder, or the database URL. */
  location: string;
  server(options?: MemoryServiceOptions): { engine: StoreEngine; service: MemoryService };
}

async function openWorld(kind: EngineKind, use: (world: StoreWorld) => Promise<void>): Promise<void> {
  const root = tempDir('dem-engines-');
  const project = resolveProject(root, 'cli');
  const location = kind === 'json' ? `${root}/memory` : await freshDatabase();
  const engines: StoreEngine[] = [];
  try {
    await use({
      kind,
      project,
      location,
      server(options) {
        const engine = kind === 'json' ? new JsonStoreEngine(location) : postgresEngine(location);
        engines.push(engine);
        return { engine, service: new MemoryService(engine.open(project), options) };
      },
    });
  } finally {
    await Promise.all(engines.map((engine) => engine.close()));
    rmSync(root, { recursive: true, force: true });
  }
}

/** A test with a fresh store of each engine: `storeTest('json')` and `storeTest('postgres')`. */
export const storeTest = (kind: EngineKind) =>
  base.extend<{ world: StoreWorld }>({
    // eslint-disable-next-line no-empty-pattern
    world: async ({}, use) => openWorld(kind, use),
  });

export const ENGINES: readonly EngineKind[] = ['json', 'postgres'];
