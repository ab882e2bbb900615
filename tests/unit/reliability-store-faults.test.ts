import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { MemoryError } from '../../src/domain/errors.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { DurableTextFile } from '../../src/domain/store/durable-text-file.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { parseStore } from '../../src/domain/store/store-file.js';
import { HookedTextFile } from '../support/hooked-text-file.js';
import { STORE_FILE, tempStoreTest } from '../support/temp-store.js';

// Through the adapter: a full disk or a refused write is a clear
// 'store_unavailable' error, the file keeps its bytes, the server's view keeps the old data,
// and writes work again once the fault is gone. Also: temp files never collide or linger.

/** The real text file, except that writes (whole or appended) fail with `fault` (an errno code) while it is set. */
class FaultyTextFile extends HookedTextFile {
  fault: string | undefined;

  protected override async beforeAnyWrite(): Promise<void> {
    if (this.fault) throw Object.assign(new Error(`${this.fault}: simulated, write '${this.path}'`), { code: this.fault, syscall: 'write' });
  }
}

/** The store one folder down, as in a memory folder: the folder is made by the first write. */
const it = tempStoreTest.extend<{ path: string }>({ path: async ({ dir }, use) => use(join(dir, 'memory', STORE_FILE)) });

const caught = async (promise: Promise<unknown>): Promise<MemoryError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MemoryError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};

describe('a write the file system refuses', () => {
  it.for([
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', 'the disk quota is used up'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'the file system is read-only'],
    ['EIO', 'EIO: simulated'],
  ] as const)('fails with %s as store_unavailable, leaves the store as it was, and recovers', async ([code, advice], { dir, path }) => {
    const textFile = new FaultyTextFile(path);
    const service = new MemoryService(new MemoryStore(path, { textFile }));
    const { memory: kept } = await service.add({ type: 'pattern', content: 'Stored before the fault' });
    const before = readFileSync(path);

    textFile.fault = code;
    const failures = [
      await caught(service.add({ type: 'pattern', content: 'Lost to the fault' })),
      await caught(service.update({ id: kept.id, content: 'Changed during the fault' })),
      await caught(service.remove(kept.id)),
    ];

    for (const error of failures) {
      expect(error.code).toBe('store_unavailable');
      expect(error.message).toContain(path);
      expect(error.message).toContain(advice);
      expect(error.message).toContain('Nothing was changed');
    }
    expect(readFileSync(path)).toEqual(before);
    expect((await service.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['Stored before the fault']);
    expect(readdirSync(join(dir, 'memory')).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    textFile.fault = undefined;
    await service.add({ type: 'pattern', content: 'Stored after the fault' });
    const parsed = parseStore(readFileSync(path, 'utf8'));
    expect(parsed.ok && parsed.data.memories.map((memory) => memory.content)).toEqual(['Stored before the fault', 'Stored after the fault']);
  });
});

describe('DurableTextFile', () => {
  it('gives every concurrent write its own temp file and leaves none behind', async ({ dir, path }) => {
    mkdirSync(join(dir, 'memory'));
    const file = new DurableTextFile(path);
    const texts = Array.from({ length: 50 }, (_, i) => `{"write":${i}}\n`);

    await Promise.all(texts.map((text) => file.write(text)));

    expect(texts).toContain(await file.read());
    expect(readdirSync(join(dir, 'memory'))).toEqual(['shop-12345678.json']);
  });

  it('removes its temp file when the rename fails, and leaves what stands at the path alone', async ({ dir, path }) => {
    mkdirSync(path, { recursive: true });
    const file = new DurableTextFile(path);

    await expect(file.write('{"x":1}\n')).rejects.toMatchObject({ code: expect.stringMatching(/^E(ISDIR|NOTEMPTY|EXIST)$/u) });

    expect(readdirSync(join(dir, 'memory'))).toEqual(['shop-12345678.json']);
    expect(readdirSync(path)).toEqual([]);
  });
});
