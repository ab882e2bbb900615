import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { tempDir } from '../support/server-process.js';

// A store file kept as a symbolic link (say into a synced folder): every write goes through to
// the link's target and the link stays a link. Replacing it with a regular file would leave the
// target silently behind.

let dir: string;
let memoryDir: string;
let synced: string;
let path: string;
let target: string;

beforeEach(() => {
  dir = tempDir('dem-symlink-');
  memoryDir = join(dir, 'memory');
  synced = join(dir, 'synced');
  mkdirSync(memoryDir);
  mkdirSync(synced);
  path = join(memoryDir, 'shop-12345678.json');
  target = join(synced, 'shop-memories.json');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const contentsOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { memories: { content: string }[] }).memories.map((memory) => memory.content).sort();

async function addUpdateAdd(): Promise<void> {
  const service = new MemoryService(new MemoryStore(path));
  const { memory } = await service.add({ type: 'pattern', content: 'Partition key is day' });
  await service.update({ id: memory.id, content: 'Partition key is hour' });
  await service.add({ type: 'context', content: 'Warehouse is BigQuery' });
  await new MemoryService(new MemoryStore(path)).add({ type: 'guideline', content: 'Load into staging first' });
}

const EXPECTED = ['Load into staging first', 'Partition key is hour', 'Warehouse is BigQuery'];

describe('a store file that is a symbolic link', () => {
  it('writes every change through to the target and stays a link (absolute link)', async () => {
    writeFileSync(target, '{"schemaVersion":1,"memories":[]}\n');
    symlinkSync(target, path);

    await addUpdateAdd();

    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(contentsOf(target)).toEqual(EXPECTED);
    expect(readdirSync(synced)).toEqual(['shop-memories.json']);
    expect(readdirSync(memoryDir)).toEqual(['shop-12345678.json']);
  });

  it('writes through a relative link, and through a link whose target does not exist yet', async () => {
    symlinkSync('../synced/shop-memories.json', path);
    expect(existsSync(target)).toBe(false);

    await addUpdateAdd();

    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(contentsOf(target)).toEqual(EXPECTED);
  });

  it('keeps a real copy of a damaged target aside, not a second name for the link', async () => {
    writeFileSync(target, '{"schemaVersion":1,"memories":[oops]}\n');
    symlinkSync(target, path);

    await expect(new MemoryService(new MemoryStore(path)).snapshot()).rejects.toMatchObject({ code: 'store_corrupt' });

    const copies = readdirSync(memoryDir).filter((name) => name.includes('.corrupt-'));
    expect(copies).toHaveLength(1);
    expect(lstatSync(join(memoryDir, copies[0]!)).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(memoryDir, copies[0]!), 'utf8')).toBe('{"schemaVersion":1,"memories":[oops]}\n');
  });

  it('keeps the file a crash left mid-add aside as it was, not a name for the link that then sees the repair', async () => {
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
