import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { tempDir } from '../support/server-process.js';
import { canMountTmpfs, mountTmpfs, unmount } from '../support/tmpfs.js';

// A memory folder that does not exist on a read-only file system (a read-only container layer,
// a mounted snapshot): Node's recursive mkdir reports ENOENT there, which would point the user
// at a missing path instead of at the read-only disk.

let dir: string;

beforeEach(() => {
  dir = tempDir('dem-read-only-');
  if (canMountTmpfs) mountTmpfs(dir, 'ro,size=64k');
});

afterEach(() => {
  if (canMountTmpfs) unmount(dir);
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(canMountTmpfs)('a missing memory folder on a read-only file system', () => {
  it('is reported as read-only (EROFS), with that advice, not as a missing path', async () => {
    const service = new MemoryService(new MemoryStore(join(dir, 'memory', 'nested', 'shop-12345678.json')));

    expect((await service.snapshot()).data.memories).toEqual([]);
    const refused = service.add({ type: 'pattern', content: 'Cannot be stored here' });

    await expect(refused).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(refused).rejects.toThrow(/EROFS: the file system is read-only/u);
  });
});
