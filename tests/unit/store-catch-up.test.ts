import { appendFileSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import { readAppendedTail } from '../../src/domain/store/appended-tail.js';
import { fileStatOf } from '../../src/domain/store/file-version.js';
import { lastWritePath } from '../../src/domain/store/last-write.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { withStoreLock } from '../../src/domain/store/store-lock.js';
import { type StoreData, appendBytes, headLine, parseStore, STORE_TAIL } from '../../src/domain/store/store-file.js';
import { tempDir } from '../support/server-process.js';

// Two MemoryStores on one file are two processes: each reads the other's adds. An add another
// process appended is caught up by parsing only the appended bytes, in the same data object with
// a newer version, so the reader's indexes are updated instead of rebuilt; anything else (a
// rewrite, a hand edit, an append still at work) is read whole, as before. Either way no write
// may be lost or seen twice.

let dir: string;
let path: string;
beforeEach(() => {
  dir = tempDir('dem-catch-up-');
  path = join(dir, 'shop-12345678.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const onDisk = () => {
  const parsed = parseStore(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  return parsed.data.memories.map((memory) => memory.content);
};

/**
 * A file's mtime moves in steps of the kernel's clock tick (a few ms): an edit in place at the same
 * size within the tick of the last write leaves a stat no one can tell from it. A person's save
 * comes later; so do the edits here.
 */
const afterAClockTick = () => new Promise((done) => setTimeout(done, 25));

async function twoProcesses() {
  const storeOfA = new MemoryStore(path);
  const a = new MemoryService(storeOfA);
  const b = new MemoryService(new MemoryStore(path));
  await a.add({ type: 'pattern', content: 'Partition orders by event date' });
  await b.add({ type: 'pattern', content: 'Cache customer lookups per run' });
  return { a, b, storeOfA };
}

describe("another process's add", () => {
  it('is applied from the appended bytes alone: same data object, newer version, indexes updated', async () => {
    const { a, b, storeOfA } = await twoProcesses();
    const before = await a.snapshot();
    const version = storeOfA.version;

    const { memory } = await b.add({ type: 'context', content: 'Warehouse is BigQuery in the EU region' });
    const after = await a.snapshot();

    expect(after.data).toBe(before.data);
    expect(storeOfA.version).toBe(version + 1);
    expect(storeOfA.changesSince(version)).toEqual([{ version: version + 1, upserted: [memory], removed: [] }]);
    expect(after.indexes).toBe(before.indexes);
    expect(after.indexes.byId.get(memory.id)).toEqual(memory);
    expect(after.data.memories.map((stored) => stored.content)).toEqual(onDisk());
    // The caught-up copy knows the new memory as a twin, and its next add lands after it.
    expect(await a.add({ type: 'context', content: 'warehouse is bigquery in the EU region' })).toMatchObject({ created: false, memory: { id: memory.id } });
    await a.add({ type: 'pattern', content: 'Retry failed loads three times' });
    expect(onDisk()).toEqual(['Partition orders by event date', 'Cache customer lookups per run', 'Warehouse is BigQuery in the EU region', 'Retry failed loads three times']);
    expect((await b.snapshot()).data.memories.map((stored) => stored.content)).toEqual(onDisk());
  });

  it('is caught up after several adds in a row, each memory once', async () => {
    const { a, b } = await twoProcesses();
    await a.snapshot();
    for (let i = 0; i < 5; i++) await b.add({ type: 'pattern', content: `Load table number ${i} nightly` });
    expect((await a.snapshot()).data.memories.map((memory) => memory.content)).toEqual(onDisk());
    expect(onDisk()).toHaveLength(7);
  });

  it('loses no write and doubles none when two processes add in turn, concurrently, each catching up on the other', async () => {
    const { a, b } = await twoProcesses();
    const added = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).add({ type: 'pattern', content: `Backfill ledger partition ${i} from the archive` })),
    );
    expect(added.every((result) => result.created)).toBe(true);
    expect(onDisk()).toHaveLength(32);
    expect(new Set(onDisk()).size).toBe(32);
    for (const service of [a, b]) expect((await service.snapshot()).data.memories.map((memory) => memory.content)).toEqual(onDisk());
    // Each knows the other's memories as twins.
    expect(await a.add({ type: 'pattern', content: 'backfill ledger partition 1 from the archive' })).toMatchObject({ created: false });
    expect(await b.add({ type: 'pattern', content: 'backfill ledger partition 0 from the archive' })).toMatchObject({ created: false });
  });
});

describe('a change that is not only an append', () => {
  it('is read whole: a rewrite by another process (update) gives a new data object', async () => {
    const { a, b } = await twoProcesses();
    const before = await a.snapshot();
    const { memory } = await b.add({ type: 'pattern', content: 'Vacuum Delta tables every week' });
    await b.update({ id: memory.id, content: 'Optimize Iceberg tables every night' });
    const after = await a.snapshot();
    expect(after.data).not.toBe(before.data);
    expect(after.data.memories.map((stored) => stored.content)).toEqual(onDisk());
  });

  it('is read whole when a hand edit changed the last line in place and grew the file', async () => {
    const { a } = await twoProcesses();
    await a.snapshot();
    const text = readFileSync(path, 'utf8');
    const edited = text.replace('Cache customer lookups per run', 'Cache customer lookups per batch run');
    const extra = appendBytes([{ id: 'hand', agent: 'data_engineer', type: 'pattern', content: 'Added by hand in our layout', createdAt: 'x', updatedAt: 'x' }]).toString('utf8');
    // Written in place (same inode), writeId kept: only the bytes before the old end tell.
    writeFileSync(path, edited.slice(0, -STORE_TAIL.length) + extra);
    expect((await a.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['Partition orders by event date', 'Cache customer lookups per batch run', 'Added by hand in our layout']);
  });

  it('is read whole when a hand edit changed an earlier line in place at its length, and a process that never saw the old line then appended', async () => {
    const { a } = await twoProcesses();
    await a.snapshot();
    await afterAClockTick();
    // An editor saving in place (same inode, writeId kept) a fix of the same length: size and last line unchanged.
    writeFileSync(path, readFileSync(path, 'utf8').replace('Partition orders by event date', 'Partition orders by event hour'));
    // A process started after the edit (a capture hook) reads the file whole and appends to it.
    await new MemoryService(new MemoryStore(path)).add({ type: 'context', content: 'Warehouse is BigQuery in the EU region' });
    expect((await a.snapshot()).data.memories.map((memory) => memory.content)).toEqual(onDisk());
    // So a's next whole rewrite keeps the edit.
    const { memory } = await a.add({ type: 'pattern', content: 'Vacuum Delta tables every week' });
    await a.update({ id: memory.id, content: 'Optimize Iceberg tables every night' });
    expect(onDisk()).toEqual(['Partition orders by event hour', 'Cache customer lookups per run', 'Warehouse is BigQuery in the EU region', 'Optimize Iceberg tables every night']);
  });

  it('is read whole when, after another process appended, a hand edit changed an earlier line in place at its length', async () => {
    const { a, b } = await twoProcesses();
    await a.snapshot();
    // a knows the file before both the append and the edit: its next catch-up spans the two.
    await b.add({ type: 'context', content: 'Warehouse is BigQuery in the EU region' });
    await afterAClockTick();
    writeFileSync(path, readFileSync(path, 'utf8').replace('Partition orders by event date', 'Partition orders by event hour'));
    expect((await a.snapshot()).data.memories.map((memory) => memory.content)).toEqual(onDisk());
    await a.add({ type: 'pattern', content: 'Retry failed loads three times' });
    expect(onDisk()).toEqual(['Partition orders by event hour', 'Cache customer lookups per run', 'Warehouse is BigQuery in the EU region', 'Retry failed loads three times']);
  });

  it('is read whole when an appended record reuses an id already in use, even one this process appended since it last caught up', async () => {
    const { b } = await twoProcesses();
    const storeOfA = new MemoryStore(path);
    const reader = new MemoryService(storeOfA);
    await reader.snapshot();
    await b.add({ type: 'pattern', content: 'Compact small files hourly' });
    await reader.snapshot();
    const { memory } = await reader.add({ type: 'pattern', content: 'Pin the Spark version per job' });
    // Appended by hand in our exact layout, in place (same inode), under the id just appended.
    const text = readFileSync(path, 'utf8');
    const reused = { ...memory, content: 'Another memory under a used id' };
    writeFileSync(path, text.slice(0, -STORE_TAIL.length) + appendBytes([reused]).toString('utf8'));
    // Recorded as a writer of an older build (no record rules, last-write.ts) would record its
    // append, so only the id tells: the tail is refused, and the whole read checks every record.
    writeFileSync(lastWritePath(path), `${fileStatOf(statSync(path, { bigint: true }))}\n`);
    const { data } = await reader.snapshot();
    expect(storeOfA.flaws).toMatchObject([{ kind: 'duplicate_id', id: memory.id, renamedTo: `${memory.id}-2` }]);
    expect(data.memories.map((stored) => stored.id)).toContain(`${memory.id}-2`);
    expect(new Set(data.memories.map((stored) => stored.id)).size).toBe(data.memories.length);
  });

  it('is never taken from an append still at work: its first step alone adds nothing, the whole add then once', async () => {
    const { a } = await twoProcesses();
    await a.snapshot();
    const reader = new MemoryService(new MemoryStore(path, { onTornAppend: () => expect.fail('not a crash') }));
    await reader.snapshot();
    const size = statSync(path).size;
    const bytes = appendBytes([{ id: 'next', agent: 'data_engineer', type: 'pattern', content: 'Second step still to come', createdAt: 'x', updatedAt: 'x' }]);
    // Done as the writer does it, holding the lock: a reader must not take this for a crash.
    const seen = await withStoreLock(path, async () => {
      // First step: all but the first bytes after the end.
      appendFileSync(path, bytes.subarray(STORE_TAIL.length));
      const midway = (await reader.snapshot()).data.memories.length;
      // Second step, in place: the old tail becomes the separator and the new line's start.
      const text = readFileSync(path);
      bytes.copy(text, size - STORE_TAIL.length, 0, STORE_TAIL.length);
      writeFileSync(path, text);
      return { midway, after: (await reader.snapshot()).data.memories.map((memory) => memory.content) };
    });
    expect(seen).toEqual({ midway: 2, after: onDisk() });
    expect(onDisk()).toHaveLength(3);
    expect((await a.snapshot()).data.memories.map((memory) => memory.content)).toEqual(onDisk());
  });
});

describe('readAppendedTail', () => {
  it('gives the appended records only for the same file grown by an exact append, else nothing', async () => {
    const { a, b } = await twoProcesses();
    const { data } = await a.snapshot();
    const known = { stat: fileStatOf(statSync(path, { bigint: true })), writeId: (data as StoreData).writeId!, headLine: headLine(data as StoreData), lastLine: JSON.stringify(data.memories.at(-1)) };
    expect(await readAppendedTail(path, known)).toBeUndefined();

    const { memory } = await b.add({ type: 'pattern', content: 'Index payments by customer id' });
    expect((await readAppendedTail(path, known))?.records).toEqual([memory]);
    expect(await readAppendedTail(path, { ...known, lastLine: '{"id":"other"}' })).toBeUndefined();
    expect(await readAppendedTail(path, { ...known, headLine: known.headLine.replace(known.writeId, 'otherWriteId') })).toBeUndefined();
    truncateSync(path, statSync(path).size - 1);
    expect(await readAppendedTail(path, known)).toBeUndefined();
  });
});
