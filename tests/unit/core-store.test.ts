import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { STORE_FILE, tempStoreTest as it } from '../support/temp-store.js';
import { MemoryError } from '../../src/domain/errors.js';
import { listMemories } from '../../src/domain/memory-query.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';

/** A clock that moves one second per reading, so every write gets a distinct, later time. */
function tickingClock(): () => Date {
  let tick = Date.parse('2025-01-01T00:00:00.000Z');
  return () => new Date((tick += 1_000));
}

const serviceAt = (path: string) => new MemoryService(new MemoryStore(path), { now: tickingClock() });
const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { schemaVersion: number; memories: Array<{ id: string; content: string }> };

async function rejection(promise: Promise<unknown>): Promise<MemoryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MemoryError) return error;
    throw error;
  }
  throw new Error('the call succeeded, but it should have been refused');
}

describe('MemoryService on a real file', () => {
  it('adds a memory with an id, the default agent and ISO timestamps, and writes it with schemaVersion', async ({ path }) => {
    const { memory, created } = await serviceAt(path).add({ type: 'pattern', content: '  Use composite\nindexes  ' });

    expect(created).toBe(true);
    expect(memory).toMatchObject({ agent: 'data_engineer', type: 'pattern', content: 'Use composite indexes' });
    expect(memory.id).toMatch(/^[A-Za-z0-9_-]{4,16}$/u);
    expect(new Date(memory.createdAt).toISOString()).toBe(memory.createdAt);
    expect(memory.updatedAt).toBe(memory.createdAt);
    expect(onDisk(path)).toMatchObject({ schemaVersion: 1, memories: [memory] });
  });

  it('returns the stored memory with created:false for the same content in another case and spacing', async ({ path }) => {
    const service = serviceAt(path);
    const first = await service.add({ type: 'pattern', content: 'Use composite indexes' });
    const again = await service.add({ type: 'guideline', content: 'use   COMPOSITE indexes' });

    expect(again).toMatchObject({ memory: first.memory, created: false });
    expect(onDisk(path).memories).toHaveLength(1);
  });

  it('stores the same content separately for two agents', async ({ path }) => {
    const service = serviceAt(path);
    await service.add({ type: 'pattern', content: 'Use composite indexes' });
    const other = await service.add({ type: 'pattern', content: 'Use composite indexes', agent: 'sql_reviewer' });
    expect(other.created).toBe(true);
    expect(onDisk(path).memories).toHaveLength(2);
  });

  it('updates content and type, keeps createdAt and bumps updatedAt', async ({ path }) => {
    const service = serviceAt(path);
    const { memory } = await service.add({ type: 'pattern', content: 'Use composite indexes' });

    const { memory: updated } = await service.update({ id: memory.id, content: 'Use covering indexes', type: 'performance' });

    expect(updated).toMatchObject({ id: memory.id, type: 'performance', content: 'Use covering indexes', createdAt: memory.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(memory.updatedAt));
    expect(onDisk(path).memories).toEqual([updated]);
  });

  it('refuses an update to content another memory already holds, leaving the file alone', async ({ path }) => {
    const service = serviceAt(path);
    await service.add({ type: 'pattern', content: 'First memory here' });
    const { memory } = await service.add({ type: 'pattern', content: 'Second memory here' });
    const before = readFileSync(path);

    const error = await rejection(service.update({ id: memory.id, content: 'FIRST memory here' }));

    expect(error.code).toBe('invalid_argument');
    expect(readFileSync(path)).toEqual(before);
  });

  it('deletes by id, and refuses an unknown id with not_found without touching the file', async ({ path }) => {
    const service = serviceAt(path);
    const { memory } = await service.add({ type: 'pattern', content: 'Short-lived memory' });
    await service.add({ type: 'pattern', content: 'Long-lived memory' });

    expect(await service.remove(memory.id)).toEqual({ deleted: true, id: memory.id });
    expect(onDisk(path).memories.map((kept) => kept.content)).toEqual(['Long-lived memory']);

    const before = readFileSync(path);
    const error = await rejection(service.remove(memory.id));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(memory.id);
    expect(readFileSync(path)).toEqual(before);
  });

  it('lists newest first, and an updated memory moves to the front', async ({ path }) => {
    const service = serviceAt(path);
    const ids: string[] = [];
    for (const content of ['Oldest memory', 'Middle memory', 'Newest memory']) ids.push((await service.add({ type: 'context', content })).memory.id);
    expect((await listMemories(service, {})).memories.map((memory) => memory.content)).toEqual(['Newest memory', 'Middle memory', 'Oldest memory']);

    await service.update({ id: ids[0]!, content: 'Oldest memory, revised' });
    expect((await listMemories(service, {})).memories.map((memory) => memory.id)).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('keeps the writes of two store instances sharing one file', async ({ path }) => {
    const left = serviceAt(path);
    const right = serviceAt(path);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? left : right).add({ type: 'pattern', content: `Concurrent memory ${i}` })),
    );
    expect(onDisk(path).memories).toHaveLength(20);
    expect((await listMemories(left, {})).total).toBe(20);
  });
});

describe('listMemories paging', () => {
  let service: MemoryService;
  it.beforeEach(async ({ path }) => {
    service = serviceAt(path);
    for (let i = 0; i < 45; i++) await service.add({ type: i % 3 === 0 ? 'pattern' : 'context', content: `Memory number ${String(i).padStart(2, '0')}` });
  });

  it('pages 45 memories as 20, 20 and 5, newest first, with no repeats', async () => {
    const first = await listMemories(service, { limit: 20 });
    const second = await listMemories(service, { limit: 20, cursor: first.nextCursor });
    const third = await listMemories(service, { limit: 20, cursor: second.nextCursor });

    expect([first.memories.length, second.memories.length, third.memories.length]).toEqual([20, 20, 5]);
    expect([first.total, second.total, third.total]).toEqual([45, 45, 45]);
    expect(third.nextCursor).toBeUndefined();
    const contents = [...first.memories, ...second.memories, ...third.memories].map((memory) => memory.content);
    expect(contents).toEqual(Array.from({ length: 45 }, (_, i) => `Memory number ${String(44 - i).padStart(2, '0')}`));
  });

  it('uses a default page of 20', async () => {
    const page = await listMemories(service, {});
    expect(page.memories).toHaveLength(20);
    expect(page.nextCursor).toBeDefined();
  });

  it('filters by type, and puts the best match for a query first', async () => {
    expect((await listMemories(service, { type: 'pattern' })).total).toBe(15);
    expect((await listMemories(service, { query: 'number 07' })).memories[0]!.content).toBe('Memory number 07');
    expect((await listMemories(service, { query: 'kafka' })).total).toBe(0);
  });

  it('refuses a cursor issued for a different filter, and one that is not a cursor at all', async () => {
    const { nextCursor } = await listMemories(service, { limit: 20 });
    for (const filter of [{ type: 'pattern' as const, cursor: nextCursor }, { query: 'memory', cursor: nextCursor }, { cursor: 'not-a-cursor' }]) {
      const error = await rejection(listMemories(service, filter));
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toMatch(/^cursor /u);
    }
  });
});

describe('a store file that is not readable', () => {
  it.for([
    ['invalid JSON', '{not json'],
    // Wrong at the top level; a bad record inside a sound store is read around (store-hand-edits.test.ts).
    ['JSON in the wrong shape', '{"schemaVersion":1,"memories":{"id":1}}'],
    ['an empty file', ''],
  ] as const)('is reported as store_corrupt for %s, kept byte for byte, and copied aside', async ([, text], { dir, path }) => {
    writeFileSync(path, text);
    const service = serviceAt(path);

    const onAdd = await rejection(service.add({ type: 'pattern', content: 'Should not be written' }));
    const onRead = await rejection(listMemories(service, {}));

    for (const error of [onAdd, onRead]) {
      expect(error.code).toBe('store_corrupt');
      expect(error.message).toContain(path);
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
    const copies = readdirSync(dir).filter((name) => name.startsWith(`${STORE_FILE}.corrupt-`));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dir, copies[0]!))).toEqual(readFileSync(path));
    expect(onAdd.message).toContain(join(dir, copies[0]!));
  });

  it('refuses to write a store from a newer schemaVersion', async ({ path }) => {
    const text = '{"schemaVersion":99,"memories":[]}\n';
    writeFileSync(path, text);
    const error = await rejection(serviceAt(path).add({ type: 'pattern', content: 'From an old server' }));
    expect(error.code).toBe('store_too_new');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
