import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { appendBytes, parseStore, serialiseStoreBytes, STORE_TAIL } from '../../src/domain/store/store-file.js';
import { listStores } from '../../src/domain/store/list-stores.js';
import { withStoreLock } from '../../src/domain/store/store-lock.js';

// An add writes only its own line, in place over the file's end, instead of rewriting the
// whole store; everything else still rewrites through a temp file and a rename. Both must leave
// the same bytes, and an append cut short must never cost an acknowledged memory.

const onDisk = (path: string) => {
  const parsed = parseStore(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  return parsed.data;
};
const contents = (path: string) => onDisk(path).memories.map((memory) => memory.content);
const copiesAside = (dir: string) => readdirSync(dir).filter((name) => name.includes('.corrupt-'));

describe('an add', () => {
  it('is appended in place, leaving the bytes a whole rewrite would', async ({ path }) => {
    const service = new MemoryService(new MemoryStore(path, { project: { name: 'shop', root: '/shop' } }));
    await service.add({ type: 'pattern', content: 'First fact, written whole' });
    const inode = statSync(path).ino;

    await service.add({ type: 'pattern', content: 'Second fact, appended' });
    await service.add({ type: 'context', content: 'Third fact, appended too' });

    expect(statSync(path).ino, 'same file, not a renamed copy').toBe(inode);
    expect(readFileSync(path)).toEqual(serialiseStoreBytes(onDisk(path)));
    expect(contents(path)).toEqual(['First fact, written whole', 'Second fact, appended', 'Third fact, appended too']);

    const { memory } = await service.add({ type: 'pattern', content: 'Fourth fact, then changed' });
    await service.update({ id: memory.id, content: 'Fourth fact, changed by an update' });
    expect(statSync(path).ino, 'an update rewrites the file').not.toBe(inode);
    expect(readFileSync(path)).toEqual(serialiseStoreBytes(onDisk(path)));
  });

  it('by a process that only read the file is appended when the file is as a write of ours left it, else rewritten', async ({ path }) => {
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Written by a first process' });
    const inode = statSync(path).ino;
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Appended by a second process' });
    expect(statSync(path).ino, 'appended in place').toBe(inode);

    // The same bytes saved again by an editor: they look ours, but the stat is not the last write's.
    writeFileSync(path, readFileSync(path));
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Added after an editor saved the file' });
    expect(statSync(path).ino, 'rewritten through a temp file').not.toBe(inode);
    expect(readFileSync(path)).toEqual(serialiseStoreBytes(onDisk(path)));
    expect(contents(path)).toEqual(['Written by a first process', 'Appended by a second process', 'Added after an editor saved the file']);
  });
});

const handMade = (id: string) => ({ id, agent: 'data_engineer', type: 'pattern', content: `Memory ${id} by hand`, createdAt: 'x', updatedAt: 'x' });

describe('a file someone edited', () => {
  it('takes an add by a whole rewrite when it holds no memory line or another array after memories (on its own lines or not)', async ({ path }) => {
    for (const text of [
      '{"schemaVersion":1,"writeId":"handEdited1","memories":[\n]}\n',
      `{"schemaVersion":1,"writeId":"handEdited2","memories":[\n${JSON.stringify({ id: 'a1', agent: 'data_engineer', type: 'pattern', content: 'First memory by hand', createdAt: 'x', updatedAt: 'x' })}\n],"notes":[\n"x"\n]}\n`,
      `{"schemaVersion":1,"writeId":"handEdited3","memories":[\n${JSON.stringify({ id: 'a1', agent: 'data_engineer', type: 'pattern', content: 'First memory by hand', createdAt: 'x', updatedAt: 'x' })}],"archive":[{"id":"old"}\n]}\n`,
      // Two memories on one line, and an array after them ending in a copy of the last one.
      `{"schemaVersion":1,"writeId":"handEdited4","memories":[\n${JSON.stringify(handMade('a0'))},${JSON.stringify(handMade('a1'))}],"archive":[\n${JSON.stringify(handMade('a1'))}\n]}\n`,
    ]) {
      writeFileSync(path, text);
      const { memory } = await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Acknowledged after a hand edit' });
      expect(onDisk(path).memories.map((stored) => stored.id)).toContain(memory.id);
    }
  });
});

describe('an append cut short', () => {
  /** The file as a crash in an append's first step leaves it: `written` bytes of the new lines after its end. */
  function cutAppend(path: string, written: number): Buffer {
    const bytes = appendBytes([{ id: 'lost', agent: 'data_engineer', type: 'pattern', content: 'Never acknowledged', createdAt: 'x', updatedAt: 'x' }]);
    writeFileSync(path, bytes.subarray(STORE_TAIL.length, STORE_TAIL.length + written), { flag: 'a' });
    return readFileSync(path);
  }

  it('by a crash is read as the store without the unfinished add, repaired with its bytes kept aside', async ({ dir, path }) => {
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Acknowledged before the crash' });
    const torn = cutAppend(path, 30);
    const told: string[] = [];
    const service = new MemoryService(new MemoryStore(path, { onTornAppend: (_store, copy) => told.push(copy) }));

    expect((await service.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['Acknowledged before the crash']);
    expect(contents(path), 'repaired by the read, the lock being free').toEqual(['Acknowledged before the crash']);

    await service.add({ type: 'pattern', content: 'Written after the repair' });
    expect(told).toHaveLength(1);
    expect(readFileSync(told[0]!)).toEqual(torn);
    expect(contents(path)).toEqual(['Acknowledged before the crash', 'Written after the repair']);
    expect(copiesAside(dir)).toHaveLength(1);
  });

  it('by a writer killed mid-append (its lock left behind) is repaired by a read, taking the dead lock over', async ({ path }) => {
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Acknowledged before the crash' });
    cutAppend(path, 40);
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), `${2 ** 22 + 1}@${hostname()}\n`);

    const read = (await new MemoryService(new MemoryStore(path)).snapshot()).data.memories.map((memory) => memory.content);

    expect(read).toEqual(['Acknowledged before the crash']);
    expect(contents(path), 'repaired').toEqual(['Acknowledged before the crash']);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('of a store a newer server wrote is read, never repaired here', async ({ path }) => {
    writeFileSync(path, `{"schemaVersion":2,"writeId":"future","memories":[\n${JSON.stringify({ id: 'f1', agent: 'data_engineer', type: 'pattern', content: 'From a newer server', createdAt: 'x', updatedAt: 'x' })}\n]}\n`);
    const torn = cutAppend(path, 25);

    const read = (await new MemoryService(new MemoryStore(path)).snapshot()).data.memories.map((memory) => memory.content);

    expect(read).toEqual(['From a newer server']);
    expect(readFileSync(path)).toEqual(torn);
  });

  it('by a crash is repaired even when the first call after it is refused, so the next add is not lost', async ({ path }) => {
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Acknowledged before the crash' });
    cutAppend(path, 200);
    const service = new MemoryService(new MemoryStore(path));

    await expect(service.remove('no-such-id')).rejects.toMatchObject({ code: 'not_found' });
    await service.add({ type: 'pattern', content: 'Acknowledged after the crash' });

    expect(contents(path)).toEqual(['Acknowledged before the crash', 'Acknowledged after the crash']);
    const seen = (await new MemoryService(new MemoryStore(path)).snapshot()).data.memories.map((memory) => memory.content);
    expect(seen).toEqual(['Acknowledged before the crash', 'Acknowledged after the crash']);
  });

  it('is read lock-free as the store before it, even while the writer holds the lock', async ({ dir, path }) => {
    const writer = new MemoryService(new MemoryStore(path));
    await writer.add({ type: 'pattern', content: 'Acknowledged first fact' });
    const reader = new MemoryService(new MemoryStore(path, { onTornAppend: () => expect.fail('not a crash') }));
    await reader.snapshot();

    const seen = await withStoreLock(path, async () => {
      cutAppend(path, 20);
      return (await reader.snapshot()).data.memories.map((memory) => memory.content);
    });

    expect(seen).toEqual(['Acknowledged first fact']);
    expect((await listStores(dir))[0]).toMatchObject({ count: 1 });
    expect(copiesAside(dir)).toEqual([]);
  });

  it('is read at once while a write of this process waits for the lock', async ({ path }) => {
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Acknowledged first fact' });
    const reader = new MemoryService(new MemoryStore(path));
    await reader.snapshot();

    let pending: Promise<unknown> | undefined;
    const seen = await withStoreLock(path, async () => {
      cutAppend(path, 20);
      pending = reader.add({ type: 'pattern', content: 'Queued behind the lock' });
      return (await reader.snapshot()).data.memories.map((memory) => memory.content);
    });
    await pending;

    expect(seen).toEqual(['Acknowledged first fact']);
    expect(contents(path)).toEqual(['Acknowledged first fact', 'Queued behind the lock']);
  });

  it('by a writer still at work is waited for by writes, not taken for damage', async ({ dir, path }) => {
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
      cutAppend(path, 20);
      read = reader.add({ type: 'pattern', content: 'Third fact, added by the reader' }).then(async () => (await reader.snapshot()).data.memories.map((memory) => memory.content));
      void read.then(() => (readDone = true));
      await sleep(100);
      expect(readDone, 'the add waits for the writer').toBe(false);
      writeFileSync(path, Buffer.concat([whole.subarray(0, whole.length - STORE_TAIL.length), bytes]));
    });

    expect(await read).toEqual(['Acknowledged first fact', 'Second fact, mid-write', 'Third fact, added by the reader']);
    expect(copiesAside(dir)).toEqual([]);
  });
});
