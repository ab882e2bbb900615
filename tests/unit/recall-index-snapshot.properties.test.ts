import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMORY_TYPES, type Memory } from '../../src/domain/memory.js';
import { encodeIndexSnapshot } from '../../src/domain/recall/index-snapshot.js';
import { decodeIndexSnapshot, readIndexSnapshot } from '../../src/domain/recall/index-snapshot-read.js';
import { MemoryIndex, type RecallFilter } from '../../src/domain/recall/memory-index.js';

// A search index kept in a file for the next Claude Code hook process (<store>.recall.index) must
// answer every search exactly as the index it was made from: the same hits, scores and totals, in
// the same order (ties included), and keep doing so as memories are added to or removed from it.

const WORDS = ['table', 'tables', 'orders', 'order', 'events', 'kafka', 'partition', 'partitions', 'retry', 'retries', 'backoff', 'snowflake',
  'cache', 'cost', 'bill', 'postgres', 'oom', 'dedupe', 'daily', 'idempotent', 'upsert', 'nightly', 'stripe', 'idx_orders_date', '5432', 'café'];
const QUERY_WORDS = [...WORDS, 'tabel', 'ord', 'partiton', 'kafak', 'billing', 'spend', 'out of memory', 'by day', 'the', 'unknownword', 'caf'];
const AGENTS = ['data_engineer', 'ops', 'qa_lead'];
const TIMES = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 'not a time'];
const words = (pool: readonly string[], max: number) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: max }).map((list) => list.join(' '));

const memories = fc
  .array(fc.record({ content: words(WORDS, 6), type: fc.constantFrom(...MEMORY_TYPES), agent: fc.constantFrom(...AGENTS), updatedAt: fc.constantFrom(...TIMES), extra: fc.boolean() }), { minLength: 0, maxLength: 120 })
  .map((drafts): Memory[] => drafts.map(({ extra, ...draft }, i) => ({ ...draft, id: `m${i}`, createdAt: draft.updatedAt, ...(extra ? { author: 'ci', note: { kept: [1, 'x'] } } : {}) }) as Memory));
const filter: fc.Arbitrary<RecallFilter> = fc.record({ type: fc.constantFrom(...MEMORY_TYPES), agent: fc.constantFrom(...AGENTS, 'nobody'), archived: fc.boolean() }, { requiredKeys: [] });

const TAG = { code: 'build-1', key: 'store-digest' };
const storeBytes = (stored: readonly Memory[]) => Buffer.from(`{"schemaVersion":1,"memories":[\n${stored.map((memory) => JSON.stringify(memory)).join(',\n')}\n]}\n`);
const answers = (index: MemoryIndex, queries: readonly string[], filters: readonly RecallFilter[]) =>
  queries.flatMap((query) => filters.map((kept) => {
    const ranking = index.rank(query, kept);
    return { total: ranking.total, top: ranking.top(7), all: index.search(query, kept) };
  }));

describe('a search index kept in a file', () => {
  it('answers every search as the index it was made from, and changes as it does', () => {
    fc.assert(
      fc.property(memories, fc.array(words(QUERY_WORDS, 4), { minLength: 1, maxLength: 6 }), fc.array(filter, { maxLength: 2 }), fc.nat(), fc.boolean(), (stored, queries, filters, cut, inStore) => {
        const fresh = new MemoryIndex(stored);
        // Memories read from the store's bytes (laid out as the server writes them), or kept in the file.
        const store = inStore ? storeBytes(stored) : undefined;
        const file = encodeIndexSnapshot(fresh, TAG, store)!;
        if (inStore && stored.length > 0) expect(file.length, 'no memory text in the file').toBeLessThan(encodeIndexSnapshot(fresh, TAG)!.length);
        const restored = decodeIndexSnapshot(file, TAG, store)!;
        const all = [{}, ...filters];
        expect(restored.size).toBe(fresh.size);
        expect(answers(restored, queries, all)).toEqual(answers(fresh, queries, all));
        for (const memory of stored) expect(restored.memoryOf(memory.id)).toEqual(fresh.memoryOf(memory.id));
        // Changes after the restore: one memory removed, one added.
        const gone = stored[cut % Math.max(1, stored.length)];
        const added: Memory = { id: 'new', agent: 'ops', type: 'pattern', content: 'retry the kafka orders nightly', createdAt: TIMES[0]!, updatedAt: TIMES[1]! };
        for (const index of [fresh, restored]) {
          if (gone) index.remove(gone.id);
          index.add(added);
        }
        expect(answers(restored, queries, all)).toEqual(answers(fresh, queries, all));
      }),
      { numRuns: 60 },
    );
  });

  it('reads as no index when made for other store contents or another build, cut short, or damaged', () => {
    const stored: Memory[] = ['Partition the events table by event_date', 'Retry the Stripe export with backoff'].map((content, i) => ({
      id: `m${i}`, agent: 'data_engineer', type: 'pattern', content, createdAt: TIMES[0]!, updatedAt: TIMES[0]!,
    }));
    const file = encodeIndexSnapshot(new MemoryIndex(stored), TAG)!;
    expect(decodeIndexSnapshot(file, TAG)?.search('partition').map((hit) => hit.id)).toEqual(['m0']);
    expect(decodeIndexSnapshot(file, { ...TAG, key: 'other-digest' })).toBeUndefined();
    const inStore = encodeIndexSnapshot(new MemoryIndex(stored), TAG, storeBytes(stored))!;
    expect(decodeIndexSnapshot(inStore, TAG, storeBytes(stored))?.search('retry').map((hit) => hit.id)).toEqual(['m1']);
    expect(decodeIndexSnapshot(inStore, TAG), 'memories in the store, but no store bytes given').toBeUndefined();
    const reformatted = Buffer.from(JSON.stringify({ memories: stored }, null, 2));
    expect(decodeIndexSnapshot(encodeIndexSnapshot(new MemoryIndex(stored), TAG, reformatted)!, TAG)?.search('retry').map((hit) => hit.id), 'a store laid out otherwise: memories kept in the file').toEqual(['m1']);
    expect(decodeIndexSnapshot(file, { ...TAG, code: 'build-0' })).toBeUndefined();
    expect(decodeIndexSnapshot(file.subarray(0, file.length - 1), TAG)).toBeUndefined();
    expect(decodeIndexSnapshot(file.subarray(0, 40), TAG)).toBeUndefined();
    expect(decodeIndexSnapshot(Buffer.from('garbage, not an index at all'), TAG)).toBeUndefined();
    for (const at of [9, 60, file.length - 30, file.length - 3]) {
      const flipped = Buffer.from(file);
      flipped[at]! ^= 0x01;
      expect(decodeIndexSnapshot(flipped, TAG), `byte ${at} flipped`).toBeUndefined();
    }
  });

  it("says the length of the store it was kept for, and the store's archived ids, only when kept to take an append", () => {
    const stored: Memory[] = ['Partition the events table by event_date', 'Retry the Stripe export with backoff'].map((content, i) => ({
      id: `m${i}`, agent: 'data_engineer', type: 'pattern', content, createdAt: TIMES[0]!, updatedAt: TIMES[0]!,
    }));
    const bytes = storeBytes(stored);
    const appendable = readIndexSnapshot(encodeIndexSnapshot(new MemoryIndex(stored), TAG, { bytes, archivedIds: ['old1', 'old2'] })!, TAG.code)!;
    expect(appendable).toMatchObject({ key: TAG.key, storeLength: bytes.length });
    const opened = appendable.open(bytes)!;
    expect(opened.archivedIds()).toEqual(['old1', 'old2']);
    expect(opened.index.search('retry').map((hit) => hit.id)).toEqual(['m1']);
    const plain = readIndexSnapshot(encodeIndexSnapshot(new MemoryIndex(stored), TAG, bytes)!, TAG.code)!;
    expect(plain.storeLength).toBeUndefined();
    expect(plain.open(bytes)!.archivedIds()).toEqual([]);
    expect(readIndexSnapshot(encodeIndexSnapshot(new MemoryIndex(stored), TAG)!, 'build-0'), 'another build').toBeUndefined();
  });

  it('is not made from an index with an empty slot (a removal), which it could not restore', () => {
    const index = new MemoryIndex([{ id: 'a', agent: 'ops', type: 'pattern', content: 'retry kafka', createdAt: TIMES[0]!, updatedAt: TIMES[0]! }]);
    index.remove('a');
    expect(encodeIndexSnapshot(index, TAG)).toBeUndefined();
  });
});
