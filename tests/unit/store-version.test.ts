import { closeSync, openSync, readFileSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { parseStore } from '../../src/domain/store/store-file.js';

// A store version is (inode, size, mtime, ctime) plus the writeId stamped into the file's first line.
// Metadata alone repeats: the next temp file reuses the freed inode and coarse file systems
// (ext3, HFS+, FAT) keep mtimes to the second, so another process's write can leave the file
// with exactly the metadata this process last saw. Here that collision is made on purpose.

const contents = (path: string) => {
  const parsed = parseStore(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  return parsed.data.memories.map((memory) => memory.content).sort();
};

/** Rewrites the file in place (same inode, same size) as another writer would, then puts its mtime back. */
function rewriteWithSameMetadata(path: string, from: string, to: string, writeId: string): void {
  const before = statSync(path);
  const text = readFileSync(path, 'utf8');
  const current = /"writeId":"([^"]+)"/u.exec(text)![1]!;
  expect(to.length).toBe(from.length);
  expect(writeId.length).toBe(current.length);
  writeFileSync(path, text.replace(from, to).replace(current, writeId));
  utimesSync(path, before.atime, before.mtime);
  expect(statSync(path).size).toBe(before.size);
  expect(statSync(path).ino).toBe(before.ino);
}

describe('a store whose file changed without its metadata changing', () => {
  it('re-reads it before writing, so the other write is kept', async ({ path }) => {
    const service = new MemoryService(new MemoryStore(path));
    await service.add({ type: 'pattern', content: 'Partition key is day' });
    // Whole seconds, as a coarse file system would record them.
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    await service.snapshot();

    rewriteWithSameMetadata(path, 'Partition key is day', 'Partition key is dow', 'X'.repeat(12));
    await service.add({ type: 'context', content: 'Warehouse is BigQuery' });

    expect(contents(path)).toEqual(['Partition key is dow', 'Warehouse is BigQuery']);
  });

  it('sees the change on a lock-free read too', async ({ path }) => {
    const service = new MemoryService(new MemoryStore(path));
    await service.add({ type: 'pattern', content: 'Partition key is day' });
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    await service.snapshot();

    rewriteWithSameMetadata(path, 'Partition key is day', 'Partition key is dow', 'Y'.repeat(12));
    const { data } = await service.snapshot();

    expect(data.memories.map((memory) => memory.content)).toEqual(['Partition key is dow']);
  });
});

/**
 * A hand edit saved in place at the same length, its mtime then put back (`touch -r`, `rsync -t
 * --inplace`, `cp -p` over the file): inode, size, mtime, writeId and first line all stay. Only
 * the change time, which no one can set, tells the file changed.
 */
function editInPlaceKeepingMtime(path: string, from: string, to: string): void {
  const before = statSync(path);
  const text = readFileSync(path, 'utf8');
  expect(to.length).toBe(from.length);
  expect(text).toContain(from);
  const fd = openSync(path, 'r+');
  writeSync(fd, to, Buffer.byteLength(text.slice(0, text.indexOf(from))));
  closeSync(fd);
  utimesSync(path, before.atime, before.mtime);
  const after = statSync(path, { bigint: true });
  expect([after.ino, after.size, after.mtimeMs]).toEqual([BigInt(before.ino), BigInt(before.size), BigInt(before.mtimeMs)]);
}

describe('a store edited by hand in place, its mtime put back', () => {
  /** A store of two memories this service has read, its mtime in whole seconds (which utimes can put back exactly). */
  async function storeRead(path: string) {
    const service = new MemoryService(new MemoryStore(path));
    await service.add({ type: 'pattern', content: 'Partition key is day' });
    const { memory } = await service.add({ type: 'context', content: 'Warehouse is BigQuery' });
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    await service.snapshot();
    return { service, secondId: memory.id };
  }

  it('keeps the edit when an update rewrites the store', async ({ path }) => {
    const { service, secondId } = await storeRead(path);
    editInPlaceKeepingMtime(path, 'Partition key is day', 'Partition key is DAY');

    await service.update({ id: secondId, content: 'Warehouse is Snowflake' });

    expect(contents(path)).toEqual(['Partition key is DAY', 'Warehouse is Snowflake']);
  });

  it('keeps the edit when an add follows', async ({ path }) => {
    const { service } = await storeRead(path);
    editInPlaceKeepingMtime(path, 'Partition key is day', 'Partition key is DAY');

    await service.add({ type: 'context', content: 'Orders land hourly' });

    expect(contents(path)).toEqual(['Orders land hourly', 'Partition key is DAY', 'Warehouse is BigQuery']);
  });

  it('serves the edit to a lock-free read', async ({ path }) => {
    const { service } = await storeRead(path);
    editInPlaceKeepingMtime(path, 'Partition key is day', 'Partition key is DAY');

    const { data } = await service.snapshot();

    expect(data.memories.map((memory) => memory.content).sort()).toEqual(['Partition key is DAY', 'Warehouse is BigQuery']);
  });
});
