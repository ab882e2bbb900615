import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from 'vitest';
import { tempDir } from './server-process.js';

/** The file name a JSON store gets for a project folder named "shop" (key: name plus a hash). */
export const STORE_FILE = 'shop-12345678.json';

/**
 * A test on a real temp folder: `dir`, made for the test and removed after it (also when the test
 * fails), and `path`, where a store file in it goes (not created). Domain tests use the real
 * file system, never a mock: `it('…', async ({ path }) => new MemoryStore(path) …)`.
 */
export const tempStoreTest = base.extend<{ dir: string; path: string }>({
  // eslint-disable-next-line no-empty-pattern
  dir: async ({}, use) => {
    const dir = tempDir('dem-store-');
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  path: async ({ dir }, use) => use(join(dir, STORE_FILE)),
});
