import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import type { Memory } from '../../src/domain/memory.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';

// Hand edits a person makes to a store (PowerShell's BOM, one bad field, a copied line) leave
// it readable: the good memories are served, the bad records are named, and nothing is written
// until a repair moves them, unchanged, to a side file.

const memory = (id: string, content: string, extra: Record<string, unknown> = {}) => ({
  id,
  agent: 'data_engineer',
  type: 'pattern',
  content,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...extra,
});
const writeRecords = (path: string, records: unknown[]) => writeFileSync(path, `${JSON.stringify({ schemaVersion: 1, memories: records }, null, 2)}\n`);
const onDisk = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { memories: Memory[] }).memories;
const sideFiles = (dir: string) => readdirSync(dir).filter((name) => name.includes('.rejected-'));
const servedIds = async (service: MemoryService) => (await service.snapshot()).data.memories.map((stored) => stored.id);

describe('a store saved with a UTF-8 byte order mark', () => {
  it('is read, written, and loses the mark on its next write', async ({ path }) => {
    await new MemoryService(new MemoryStore(path)).add({ type: 'pattern', content: 'Partition key is day' });
    writeFileSync(path, `\uFEFF${readFileSync(path, 'utf8')}`);

    const service = new MemoryService(new MemoryStore(path));
    expect((await service.snapshot()).data.memories.map((stored) => stored.content)).toEqual(['Partition key is day']);
    await service.add({ type: 'context', content: 'Warehouse is BigQuery' });

    expect(readFileSync(path, 'utf8').startsWith('{')).toBe(true);
    expect(onDisk(path).map((stored) => stored.content)).toEqual(['Partition key is day', 'Warehouse is BigQuery']);
  });
});

describe('a store with records that break the schema', () => {
  const bad = [
    memory('nullArchive', 'Archived at null by hand', { archivedAt: null }),
    memory('capitalType', 'Type written with a capital', { type: 'Pattern' }),
    (({ updatedAt: _dropped, ...rest }) => rest)(memory('noUpdate', 'No updatedAt field at all')),
  ];
  const good = [memory('good1', 'Partition key is day'), memory('good2', 'Warehouse is BigQuery')];

  it('serves the good memories, names each bad record, and refuses writes without changing the file', async ({ path }) => {
    writeRecords(path, [good[0], ...bad, good[1]]);
    const before = readFileSync(path);
    const service = new MemoryService(new MemoryStore(path));

    expect(await servedIds(service)).toEqual(['good1', 'good2']);
    const refused = service.add({ type: 'context', content: 'Not stored while records are bad' });
    await expect(refused).rejects.toMatchObject({ code: 'store_needs_repair' });
    const message = await refused.catch((error: Error) => error.message);
    expect(message).toContain('record 2 (id "nullArchive"): archivedAt:');
    expect(message).toContain('record 3 (id "capitalType"): type:');
    expect(message).toContain('record 4 (id "noUpdate"): updatedAt:');
    await expect(service.remove('good1')).rejects.toMatchObject({ code: 'store_needs_repair' });
    expect(readFileSync(path)).toEqual(before);
    expect(service.flaws).toHaveLength(3);
  });

  it('is repaired: the bad records moved verbatim to a side file, the store rewritten and writable', async ({ dir, path }) => {
    writeRecords(path, [good[0], ...bad, good[1]]);
    const service = new MemoryService(new MemoryStore(path));

    const repair = await service.repair();

    expect(repair.flaws).toHaveLength(3);
    expect(sideFiles(dir)).toHaveLength(1);
    expect(repair.keptAt).toBe(join(dir, sideFiles(dir)[0]!));
    const side = JSON.parse(readFileSync(repair.keptAt!, 'utf8')) as { records: { record: number; why: string; value: unknown }[] };
    expect(side.records.map((entry) => entry.value)).toEqual(bad);
    expect(side.records.map((entry) => entry.record)).toEqual([2, 3, 4]);
    expect(onDisk(path).map((stored) => stored.id)).toEqual(['good1', 'good2']);
    await service.add({ type: 'context', content: 'Stored after the repair' });
    expect(onDisk(path)).toHaveLength(3);
    expect(await new MemoryService(new MemoryStore(path)).repair()).toEqual({ flaws: [], keptAt: undefined });
    expect(sideFiles(dir)).toHaveLength(1);
  });
});

describe('a store with a duplicated id', () => {
  const records = [
    memory('dup1', 'First memory under the id'),
    memory('other', 'Another memory, copied twice'),
    memory('dup1', 'Second memory under the same id'),
    memory('other', 'Another memory, copied twice'),
  ];

  it('serves each memory under an id of its own, the same in every process, and refuses a delete', async ({ path }) => {
    writeRecords(path, records);
    const service = new MemoryService(new MemoryStore(path));

    expect(await servedIds(service)).toEqual(['dup1', 'other', 'dup1-2']);
    expect(await servedIds(new MemoryService(new MemoryStore(path)))).toEqual(['dup1', 'other', 'dup1-2']);
    await expect(service.remove('dup1')).rejects.toMatchObject({ code: 'store_needs_repair' });
    expect(onDisk(path)).toHaveLength(4);
  });

  it('is repaired deterministically: the second memory renamed, the exact copy moved aside, then deletes are exact', async ({ path }) => {
    writeRecords(path, records);
    const service = new MemoryService(new MemoryStore(path));

    const { flaws, keptAt } = await service.repair();

    expect(flaws.map((flaw) => flaw.kind)).toEqual(['duplicate_id', 'duplicate_copy']);
    expect(onDisk(path).map((stored) => [stored.id, stored.content])).toEqual([
      ['dup1', 'First memory under the id'],
      ['other', 'Another memory, copied twice'],
      ['dup1-2', 'Second memory under the same id'],
    ]);
    const side = JSON.parse(readFileSync(keptAt!, 'utf8')) as { records: { value: unknown }[]; renamed: unknown[] };
    expect(side.records.map((entry) => entry.value)).toEqual([records[3]]);
    expect(side.renamed).toEqual([{ record: 3, id: 'dup1', renamedTo: 'dup1-2' }]);

    await service.remove('dup1');
    expect(onDisk(path).map((stored) => stored.id)).toEqual(['other', 'dup1-2']);
  });
});
