import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryError } from '../../src/domain/errors.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';

const stamp = '2026-01-01T00:00:00.000Z';
const memory = (id: string, content: string, extra: Record<string, unknown> = {}) => ({
  id,
  agent: 'data_engineer',
  type: 'pattern',
  content,
  createdAt: stamp,
  updatedAt: stamp,
  ...extra,
});

describe('a store a newer server wrote in a shape this one cannot read', () => {
  const newer = JSON.stringify({ schemaVersion: 2, memories: [memory('m1', 'Decide on Iceberg tables', { type: 'decision' })] });

  it('is reported as newer, not as damaged: no quarantine copy, file unchanged', async ({ dir, path }) => {
    writeFileSync(path, newer);
    const service = new MemoryService(new MemoryStore(path));
    const refusal = await service.snapshot().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MemoryError);
    expect((refusal as MemoryError).code).toBe('store_too_new');
    expect((refusal as MemoryError).message).toMatch(/schemaVersion 2, newer than this server understands \(1\).*upgrade/u);
    await expect(service.add({ type: 'pattern', content: 'Written to a newer store' })).rejects.toMatchObject({ code: 'store_too_new' });
    expect(readFileSync(path, 'utf8')).toBe(newer);
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toEqual([]);
  });
});

describe('fields this server does not know', () => {
  it('survive its next write, on the memory and at the top level', async ({ path }) => {
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, note: 'kept', memories: [memory('m1', 'Partition by event date', { tags: ['sql'], source: 'review' })] }));
    await new MemoryService(new MemoryStore(path)).add({ type: 'context', content: 'Warehouse runs on BigQuery' });
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    expect(stored.note).toBe('kept');
    expect(stored.memories[0]).toMatchObject({ id: 'm1', tags: ['sql'], source: 'review' });
  });
});

describe('a refused change', () => {
  it('keeps the data in use instead of re-reading the store on the next call', async ({ path }) => {
    const store = new MemoryStore(path);
    const service = new MemoryService(store);
    await service.add({ type: 'pattern', content: 'Partition by event date' });
    const before = await store.read();
    await expect(service.update({ id: 'unknown1', type: 'mistake' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.read()).toBe(before);
  });
});
