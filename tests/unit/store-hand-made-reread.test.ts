import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { parseStore } from '../../src/domain/store/store-file.js';

// A store file without writeId (made or re-saved by hand) cannot be told from another version by
// its metadata, so every write reads it again under the lock. Its exact bytes decide: the same
// bytes keep the data in use and the indexes built on it; any other bytes are parsed, even when
// size, inode and mtime are all as they were.

const memory = (id: string, content: string) => ({ id, agent: 'data_engineer', type: 'pattern', content, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' });
const writeByHand = (path: string) =>
  writeFileSync(path, `${JSON.stringify({ schemaVersion: 1, memories: [memory('m1', 'Partition key is day'), memory('m2', 'Warehouse is BigQuery')] }, null, 2)}\n`);
const contents = (path: string) => {
  const parsed = parseStore(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  return parsed.data.memories.map((stored) => stored.content);
};

describe('a store made by hand, read again before a write', () => {
  it('keeps the data in use and its indexes when the bytes are the ones read', async ({ path }) => {
    writeByHand(path);
    const service = new MemoryService(new MemoryStore(path));
    const before = await service.snapshot();
    const search = before.indexes.search(false);

    await service.add({ type: 'context', content: 'Orders arrive hourly from Kafka' });
    const after = await service.snapshot();

    expect(after.data).toBe(before.data);
    expect(after.indexes.search(false)).toBe(search);
    const kafka = after.indexes.search(false).search('kafka').map((hit) => after.indexes.byId.get(hit.id)?.content);
    expect(kafka).toEqual(['Orders arrive hourly from Kafka']);
    expect(contents(path)).toEqual(['Partition key is day', 'Warehouse is BigQuery', 'Orders arrive hourly from Kafka']);
  });

  it('keeps the data in use when the file was only touched', async ({ path }) => {
    writeByHand(path);
    const service = new MemoryService(new MemoryStore(path));
    const before = await service.snapshot();
    utimesSync(path, 1_700_000_000, 1_700_000_000);

    expect((await service.snapshot()).data).toBe(before.data);
  });

  it('parses an edit that kept size, inode and mtime, so the edit is kept', async ({ path }) => {
    writeByHand(path);
    const service = new MemoryService(new MemoryStore(path));
    const before = statSync(path);
    await service.snapshot();

    writeFileSync(path, readFileSync(path, 'utf8').replace('Partition key is day', 'Partition key is dow'));
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path).ino).toBe(before.ino);
    await service.add({ type: 'context', content: 'Orders arrive hourly from Kafka' });

    expect(contents(path)).toEqual(['Partition key is dow', 'Warehouse is BigQuery', 'Orders arrive hourly from Kafka']);
  });
});
