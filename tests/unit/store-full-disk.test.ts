import { readFileSync, readdirSync, rmSync, statSync, statfsSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryError } from '../../src/domain/errors.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { parseStore, serialiseStore } from '../../src/domain/store/store-file.js';
import { recoverTornAppend } from '../../src/domain/store/torn-append.js';
import { tempDir } from '../support/server-process.js';
import { canMountTmpfs, mountTmpfs, unmount } from '../support/tmpfs.js';

// A real full disk: a small tmpfs mounted for each test (tests/support/tmpfs.ts: root only,
// skipped elsewhere, where only the simulated faults of reliability-store-faults.test.ts run).

const TMPFS_BYTES = 4 * 1024 * 1024;

let dir: string;
let path: string;
let filler: string;

beforeEach(() => {
  dir = tempDir('dem-full-disk-');
  if (canMountTmpfs) mountTmpfs(dir, `size=${TMPFS_BYTES}`);
  path = join(dir, 'shop-12345678.json');
  filler = join(dir, 'filler');
});

afterEach(() => {
  if (canMountTmpfs) unmount(dir);
  rmSync(dir, { recursive: true, force: true });
});

const freeBytes = () => {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
};

/** Fills the disk but `leave` bytes, with a file that `freeUpTo` then shortens. */
function fillDisk(leave: number): void {
  writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes() - leave)));
}
function freeUpTo(bytes: number): void {
  truncateSync(filler, Math.max(0, statSync(filler).size - (bytes - freeBytes())));
}

const memoryAt = (n: number) => ({
  id: `seed${n}`,
  agent: 'data_engineer',
  type: 'pattern' as const,
  content: `Seeded fact number ${n} about the warehouse partitions and their retention`,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
});

const corruptCopies = () => readdirSync(dir).filter((name) => name.includes('.corrupt-'));

/** Adds until the full disk refuses one; returns the contents of those it acknowledged. */
async function addUntilFull(service: MemoryService): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let i = 0; i < 200; i++) {
    const content = `Added on a nearly full disk, number ${i}${'!'.repeat(i % 37)}`;
    try {
      await service.add({ type: 'context', content });
      acknowledged.push(content);
    } catch (error) {
      expect(error).toBeInstanceOf(MemoryError);
      expect((error as MemoryError).message).toContain('ENOSPC');
      return acknowledged;
    }
  }
  throw new Error('the disk never filled up');
}

describe.runIf(canMountTmpfs)('a store on a disk that filled up during an add', () => {
  it('takes writes again once as much space as the store is free, keeping the torn bytes aside once', async () => {
    writeFileSync(path, serialiseStore({ schemaVersion: 1, memories: Array.from({ length: 4_000 }, (_, n) => memoryAt(n)) }));
    const service = new MemoryService(new MemoryStore(path), { maxActivePerAgent: 100_000 });
    await service.add({ type: 'pattern', content: 'Stored before the disk filled' });
    // One page left: the lock's owner record takes it, so the append runs out part-way.
    fillDisk(4096);
    const acknowledged = await addUntilFull(service);
    const text = readFileSync(path, 'utf8');
    expect(parseStore(text).ok, 'the refused add left bytes after the store').toBe(false);
    expect(recoverTornAppend(text)).toBeDefined();
    const storeSize = statSync(path).size;

    // Less than the store's size free: still refused, and nothing is copied aside part-way.
    freeUpTo(Math.floor(storeSize / 2));
    await expect(service.add({ type: 'pattern', content: 'Refused while space is short' })).rejects.toThrow(/ENOSPC/u);
    await expect(service.add({ type: 'pattern', content: 'Refused again while space is short' })).rejects.toThrow(/ENOSPC/u);
    expect(corruptCopies().length).toBeLessThanOrEqual(1);

    freeUpTo(storeSize + 16 * 1024);
    await service.add({ type: 'pattern', content: 'Stored once space was freed' });
    await service.add({ type: 'pattern', content: 'Stored after that too' });

    const stored = parseStore(readFileSync(path, 'utf8'));
    expect(stored.ok).toBe(true);
    const contents = stored.ok ? stored.data.memories.map((memory) => memory.content) : [];
    for (const content of ['Stored before the disk filled', ...acknowledged, 'Stored once space was freed', 'Stored after that too']) expect(contents).toContain(content);
    expect(contents).toHaveLength(4_000 + 1 + acknowledged.length + 2);
    expect(corruptCopies()).toHaveLength(1);
    expect(readFileSync(join(dir, corruptCopies()[0]!), 'utf8')).toBe(text);
  });
});

describe.runIf(canMountTmpfs)('a store on a disk with no space left at all', () => {
  it('refuses the add with ENOSPC and leaves no temp file of the lock behind', async () => {
    writeFileSync(path, serialiseStore({ schemaVersion: 1, memories: [memoryAt(1)] }));
    const service = new MemoryService(new MemoryStore(path));
    await service.snapshot();
    fillDisk(0);
    // The lock's owner record is the first thing an add writes: its draft cannot be filled.
    await expect(service.add({ type: 'pattern', content: 'Refused on a disk with no space left' })).rejects.toThrow(/ENOSPC/u);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    freeUpTo(64 * 1024);
    await service.add({ type: 'pattern', content: 'Stored once space was freed' });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
