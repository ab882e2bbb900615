import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { STORE_FILE, tempStoreTest } from '../support/temp-store.js';

// A store file kept as a symbolic link (say into a synced folder): every write goes through to
// the link's target and the link stays a link. Replacing it with a regular file would leave the
// target silently behind.

interface Linked {
  memoryDir: string;
  /** The folder the link points into, as a synced folder would be. */
  synced: string;
  /** The store's own name, in the memory folder: the link (not made). */
  path: string;
  /** Where the link points (not made). */
  target: string;
}

const it = tempStoreTest.extend<{ linked: Linked }>({
  linked: async ({ dir }, use) => {
    const memoryDir = join(dir, 'memory');
    const synced = join(dir, 'synced');
    mkdirSync(memoryDir);
    mkdirSync(synced);
    await use({ memoryDir, synced, path: join(memoryDir, STORE_FILE), target: join(synced, 'shop-memories.json') });
  },
});

const contentsOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { memories: { content: string }[] }).memories.map((memory) => memory.content).sort();

async function addUpdateAdd(path: string): Promise<void> {
  const service = new MemoryService(new MemoryStore(path));
  const { memory } = await service.add({ type: 'pattern', content: 'Partition key is day' });
  await service.update({ id: memory.id, content: 'Partition key is hour' });
  await service.add({ type: 'context', content: 'Warehouse is BigQuery' });
  await new MemoryService(new MemoryStore(path)).add({ type: 'guideline', content: 'Load into staging first' });
}

const EXPECTED = ['Load into staging first', 'Partition key is hour', 'Warehouse is BigQuery'];

describe('a store file that is a symbolic link', () => {
  it('writes every change through to the target and stays a link (absolute link)', async ({ linked: { memoryDir, synced, path, target } }) => {
    writeFileSync(target, '{"schemaVersion":1,"memories":[]}\n');
    symlinkSync(target, path);

    await addUpdateAdd(path);

    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(contentsOf(target)).toEqual(EXPECTED);
    expect(readdirSync(synced)).toEqual(['shop-memories.json']);
    // The link, and the record of the last write beside it (src/domain/store/last-write.ts).
    expect(readdirSync(memoryDir).sort()).toEqual([STORE_FILE, `${STORE_FILE}.last-write`]);
  });

  it('writes through a relative link, and through a link whose target does not exist yet', async ({ linked: { path, target } }) => {
    symlinkSync('../synced/shop-memories.json', path);
    expect(existsSync(target)).toBe(false);

    await addUpdateAdd(path);

    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(contentsOf(target)).toEqual(EXPECTED);
  });

  it('keeps a real copy of a damaged target aside, not a second name for the link', async ({ linked: { memoryDir, path, target } }) => {
    writeFileSync(target, '{"schemaVersion":1,"memories":[oops]}\n');
    symlinkSync(target, path);

    await expect(new MemoryService(new MemoryStore(path)).snapshot()).rejects.toMatchObject({ code: 'store_corrupt' });

    const copies = readdirSync(memoryDir).filter((name) => name.includes('.corrupt-'));
    expect(copies).toHaveLength(1);
    expect(lstatSync(join(memoryDir, copies[0]!)).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(memoryDir, copies[0]!), 'utf8')).toBe('{"schemaVersion":1,"memories":[oops]}\n');
  });

  it('keeps the file a crash left mid-add aside as it was, not a name for the link that then sees the repair', async ({ linked: { memoryDir, path, target } }) => {
    symlinkSync(target, path);
    const service = new MemoryService(new MemoryStore(path));
    await service.add({ type: 'pattern', content: 'Acknowledged before the crash' });
    // What a crash in an add's first step leaves: bytes of an unfinished line after the store's end.
    writeFileSync(target, ',\n{"id":"lost","agent":"data_engineer","type":"pat', { flag: 'a' });
    const torn = readFileSync(target, 'utf8');

    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Acknowledged after the crash' });

    const copies = readdirSync(memoryDir).filter((name) => name.includes('.corrupt-'));
    expect(copies).toHaveLength(1);
    expect(lstatSync(join(memoryDir, copies[0]!)).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(memoryDir, copies[0]!), 'utf8')).toBe(torn);
    expect(contentsOf(target)).toEqual(['Acknowledged after the crash', 'Acknowledged before the crash']);
  });
});
