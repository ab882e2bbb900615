import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { appendBytes, parseStore, serialiseStoreBytes, STORE_TAIL } from '../../src/domain/store/store-file.js';
import { withStoreLock } from '../../src/domain/store/store-lock.js';
import { tempDir } from '../support/server-process.js';

// An add writes only its own line, in place over the file's end, instead of rewriting the
// whole store; everything else still rewrites through a temp file and a rename. Both must leave
// the same bytes, and an append cut short must never cost an acknowledged memory.

let dir: string;
let path: string;

beforeEach(() => {
  dir = tempDir('dem-append-');
  path = join(dir, 'shop-12345678.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const onDisk = () => {
  const parsed = parseStore(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  return parsed.data;
};
const contents = () => onDisk().memories.map((memory) => memory.content);
const copiesAside = () => readdirSync(dir).filter((name) => name.includes('.corrupt-'));

describe('an add', () => {
  it('is appended in place, leaving the bytes a whole rewrite would', async () => {
    const service = new MemoryService(new MemoryStore(path, { project: { name: 'shop', root: '/shop' } }));
    await service.add({ type: 'pattern', content: 'First fact, written whole' });
    const inode = statSync(path).ino;

    await service.add({ type: 'pattern', content: 'Second fact, appended' });
    await service.add({ type: 'context', content: 'Third fact, appended too' });

    expect(statSync(path).ino, 'same file, not a renamed copy').toBe(inode);
    expect(readFileSync(path)).toEqual(serialiseStoreBytes(onDisk()));
    expect(contents()).toEqual(['First fact, written whole', 'Second fact, appended', 'Third fact, appended too']);

    const { memory } = await service.add({ type: 'pattern', content: 'Fourth fact, then changed' });
    await service.update({ id: memory.id, content: 'Fourth fact, changed by an update' });
    expect(statSync(path).ino, 'an update rewrites the file').not.toBe(inode);
    expect(readFileSync(path)).toEqual(serialiseStoreBytes(onDisk()));
  });
});

describe('an append cut short', () => {
  /** The file as a crash in an append's first step leaves it: `written` bytes of the new lines after its end. */
  function cutAppend(written: number): Buffer {
    const bytes = appendBytes([{ id: 'lost', agent: 'data_engineer', type: 'pattern', content: 'Never acknowledged', createdAt: 'x', updatedAt: 'x' }]);
    writeFileSync(path, bytes.subarray(STORE_TAIL.length, STORE_TAIL.length + written), { flag: 'a' });
    return readFileSync(path);
  }

  it('by a crash is read without the unfinished add, its bytes copied aside, and the file repaired', async () => {
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Acknowledged before the crash' });
    const torn = cutAppend(30);
    const told: string[] = [];
    const service = new MemoryService(new MemoryStore(path, { onTornAppend: (_store, copy) => told.push(copy) }));

    expect((await service.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['Acknowledged before the crash']);

    expect(told).toHaveLength(1);
    expect(readFileSync(told[0]!)).toEqual(torn);
    expect(contents(), 'repaired on disk').toEqual(['Acknowledged before the crash']);
    await service.add({ type: 'pattern', content: 'Written after the repair' });
    expect(contents()).toEqual(['Acknowledged before the crash', 'Written after the repair']);
    expect(copiesAside()).toHaveLength(1);
  });

  it('by a writer still at work is waited for, not taken for damage', async () => {
    const writer = new MemoryService(new MemoryStore(path));
    await writer.add({ type: 'pattern', content: 'Acknowledged first fact' });
    const reader = new MemoryService(new MemoryStore(path, { onTornAppend: () => expect.fail('not a crash') }));
    await reader.snapshot();

    let read: Promise<string[]> | undefined;
    let readDone = false;
    await withStoreLock(path, async () => {
      // As another process mid-append: half its bytes are in, and it holds the lock.
      const whole = readFileSync(path);
      const bytes = appendBytes([{ id: 'next', agent: 'data_engineer', type: 'pattern', content: 'Second fact, mid-write', createdAt: 'x', updatedAt: 'x' }]);
      cutAppend(20);
      read = reader.snapshot().then(({ data }) => data.memories.map((memory) => memory.content));
      void read.then(() => (readDone = true));
      await sleep(100);
      expect(readDone, 'the read waits for the writer').toBe(false);
      writeFileSync(path, Buffer.concat([whole.subarray(0, whole.length - STORE_TAIL.length), bytes]));
    });

    expect(await read).toEqual(['Acknowledged first fact', 'Second fact, mid-write']);
    expect(copiesAside()).toEqual([]);
  });
});
