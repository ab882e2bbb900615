import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import type { Memory } from '../../src/domain/memory.js';
import { MemoryIndexes } from '../../src/domain/memory-indexes.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { serialiseStore } from '../../src/domain/store/store-file.js';

// A store that grew past the per-agent cap (an older server without it, an import, a raised cap
// lowered again) meets it on its next add: the overflow is archived in one pass, and every
// lookup built on the store (ids, exact twins, near-duplicates, both search indexes) agrees
// with what was archived. How long that takes at 100,000 memories is in npm run bench.

const TOPICS = ['orders', 'invoices', 'sessions', 'payments', 'clicks', 'shipments', 'ledgers', 'metrics', 'refunds', 'carts'];
const memoryAt = (n: number, agent: string): Memory => {
  const at = new Date(Date.parse('2026-01-01T00:00:00Z') + n * 1000).toISOString();
  return { id: `m${n}`, agent, type: 'pattern', content: `Partition ${TOPICS[n % 10]} table number ${n} by ingestion day`, createdAt: at, updatedAt: at };
};

const onDisk = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { memories: Memory[] }).memories;

describe('a store far over the archive cap', () => {
  it('archives the overflow on the next add, oldest first, leaving other agents and every lookup in step', async ({ path }) => {
    const memories = [...Array.from({ length: 300 }, (_, n) => memoryAt(n, 'data_engineer')), ...Array.from({ length: 5 }, (_, n) => memoryAt(1_000 + n, 'etl'))];
    // A field a person or a newer tool added survives being archived; so does a reordered record.
    Object.assign(memories[3]!, { source: 'hand edit' });
    memories[4] = Object.fromEntries([['updatedAt', memories[4]!.updatedAt], ...Object.entries(memories[4]!)]) as Memory;
    writeFileSync(path, serialiseStore({ schemaVersion: 1, writeId: 'overTheCap01', memories }));
    const service = new MemoryService(new MemoryStore(path), { maxActivePerAgent: 10, now: () => new Date('2026-06-01T00:00:00Z') });
    await service.snapshot();

    const { memory: added } = await service.add({ type: 'context', content: 'Warehouse is BigQuery in the EU region' });

    const active = onDisk(path).filter((memory) => memory.archivedAt === undefined);
    expect(active.filter((memory) => memory.agent === 'data_engineer').map((memory) => memory.id)).toEqual([...Array.from({ length: 9 }, (_, i) => `m${291 + i}`), added.id]);
    expect(active.filter((memory) => memory.agent === 'etl')).toHaveLength(5);
    expect(onDisk(path)).toHaveLength(306);
    expect(onDisk(path).find((memory) => memory.id === 'm0')?.archivedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(onDisk(path).find((memory) => memory.id === 'm3')).toEqual({ ...memories[3], archivedAt: '2026-06-01T00:00:00.000Z' });
    expect(Object.keys(onDisk(path).find((memory) => memory.id === 'm4')!)).toEqual([...Object.keys(memories[4]!), 'archivedAt']);

    const { data, indexes } = await service.snapshot();
    expect(indexes.byId.get('m0')).toBe(data.memories.find((memory) => memory.id === 'm0'));
    expect(indexes.activeByAgent.get('data_engineer')).toBe(10);
    // Never offered as a related active memory a new fact may supersede.
    const related = indexes.nearDuplicatesOf('data_engineer').related('Partition orders table number 20 by ingestion day now hourly', { limit: 50 });
    expect(related.map((memory) => memory.id).filter((id) => Number(id.slice(1)) < 291)).toEqual([]);
    // An archived memory is still what a re-learned twin or near-duplicate is matched against,
    // and learning it again brings it back to active.
    const twin = await service.add({ type: 'pattern', content: 'Partition orders table number 0 by ingestion day' });
    expect([twin.created, twin.restored, twin.memory.id]).toEqual([false, true, 'm0']);
    const nearTwin = await service.add({ type: 'pattern', content: 'partition orders table number 10 by ingestion day!' });
    expect([nearTwin.created, nearTwin.restored, nearTwin.memory.id]).toEqual([false, true, 'm10']);
    // And it is searched in the archive, no longer among the active memories.
    const ids = (archived: boolean) => indexes.search(archived).search('partition orders table number 20').map((hit) => hit.id);
    expect(ids(true)).toContain('m20');
    expect(ids(false)).not.toContain('m20');
    expect(ids(false)).toContain('m298');
  });
});

describe('the lookups of a store read', () => {
  it("count each agent's active memories, agents interleaved and archived ones left out, in the order the agents first appear", () => {
    const archived = (memory: Memory): Memory => ({ ...memory, archivedAt: '2026-02-01T00:00:00.000Z' });
    const memories = [memoryAt(0, 'etl'), memoryAt(1, 'data_engineer'), archived(memoryAt(2, 'data_engineer')), memoryAt(3, 'data_engineer'), memoryAt(4, 'etl'), archived(memoryAt(5, 'qa')), memoryAt(6, 'data_engineer')];
    const indexes = new MemoryIndexes({ schemaVersion: 1, memories }, 0);
    expect([...indexes.activeByAgent]).toEqual([['etl', 2], ['data_engineer', 3]]);
    expect([...indexes.byId.keys()]).toEqual(memories.map((memory) => memory.id));
  });
});
