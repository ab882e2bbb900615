import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMORY_TYPES, type Memory } from '../../src/domain/memory.js';
import { fuseRankings } from '../../src/domain/recall/fuse-rankings.js';
import { MemoryIndex, type RecallFilter } from '../../src/domain/recall/memory-index.js';
import type { Ranking } from '../../src/domain/recall/ranking.js';

// A page of a ranked search skips memories that cannot make it (MaxScore, top-k-search.ts); it
// must still be exactly the first page of scoring every match. Most memories hold "table" and
// many "job", as a real store holds its common words, so queries mixing them with rarer words
// are the ones the search prunes; a small vocabulary makes ties frequent (repeated contents and
// timestamps) and brings in variants: plurals, prefixes, typos and synonyms of the recall tables
// (cost / bill / credits), phrases searched as all their words (oom / ran out of memory), words that
// only frame a task (build, new, set up: less in the matched-terms factor) and related words counting
// in full for a word no memory holds (credentials).

const COMMON = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `${a < 8 ? 'table ' : ''}${b < 5 ? 'job ' : ''}`);
const WORDS = [
  'tables', 'orders', 'order', 'events', 'kafka', 'partition', 'partitions', 'retry', 'retries',
  'backoff', 'snowflake', 'cache', 'cost', 'bill', 'credits', 'postgres', 'postgresql', 'oom', 'memory', 'dedupe', 'daily',
  'idempotent', 'upsert', 'warehouse', 'nightly', 'stripe', 'page', 'data_engineer', 'ran out of memory', 'build', 'new',
];
const QUERY_WORDS = [...WORDS, 'table', 'table', 'table', 'job', 'tabel', 'ord', 'partiton', 'kafak', 'billing', 'spend', 'out of memory', 'by day', 'the', 'unknownword', 'set up', 'credentials'];
const AGENTS = ['data_engineer', 'ops', 'qa_lead'];
const TIMES = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'];

const words = (pool: readonly string[], max: number) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: max }).map((list) => list.join(' '));

const memories = fc
  .array(fc.record({ content: fc.tuple(COMMON, words(WORDS, 5)).map(([common, rest]) => common + rest), type: fc.constantFrom(...MEMORY_TYPES), agent: fc.constantFrom(...AGENTS), updatedAt: fc.constantFrom(...TIMES) }), {
    minLength: 20,
    maxLength: 160,
  })
  .map((drafts): Memory[] => drafts.map((draft, i) => ({ ...draft, id: `m${i}`, createdAt: draft.updatedAt })));

// A filter keeps few memories of a small corpus and so leaves little to prune: most searches have none.
const filter: fc.Arbitrary<RecallFilter> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 2 },
  { arbitrary: fc.record({ type: fc.constantFrom(...MEMORY_TYPES), agent: fc.constantFrom(...AGENTS) }, { requiredKeys: [] }), weight: 1 },
);

/** An index that has seen removals and replacements, so slots are reused and posting bounds outlive their postings. */
function indexOf(list: readonly Memory[], churn: readonly number[]): MemoryIndex {
  const index = new MemoryIndex(list);
  for (const at of churn) {
    const memory = list[at % list.length]!;
    index.remove(memory.id);
    if (at % 3 !== 0) index.add({ ...memory, content: `${memory.content} table` });
  }
  return index;
}

/** The ranking scored in full: every match scored, then cut. */
const exhaustive = (ranking: Ranking): Pick<Ranking, 'top'> => ({ top: (count) => ranking.top(Infinity).slice(0, count) });

describe('a ranked page is the first page of exhaustive scoring', () => {
  it('returns the same hits, scores and total for any page size, filter and corpus', () => {
    fc.assert(
      fc.property(memories, fc.array(fc.nat(), { maxLength: 20 }), words(QUERY_WORDS, 4), filter, fc.integer({ min: 1, max: 6 }), (list, churn, query, only, count) => {
        const index = indexOf(list, churn);
        const all = index.rank(query, only).top(Infinity);
        const page = index.rank(query, only);
        expect(page.top(count)).toEqual(all.slice(0, count));
        expect(page.total).toBe(all.length);
        expect([...index.rank(query, only)]).toEqual(all);
      }),
      { numRuns: 400 },
    );
  });

  it('fuses several phrasings into the same ranking as fusing their exhaustive rankings', () => {
    fc.assert(
      fc.property(memories, fc.array(words(QUERY_WORDS, 3), { minLength: 2, maxLength: 4 }), filter, fc.integer({ min: 1, max: 8 }), (list, phrasings, only, depth) => {
        const index = new MemoryIndex(list);
        const pruned = fuseRankings(phrasings.map((text) => index.rank(text, only)), depth);
        expect(pruned).toEqual(fuseRankings(phrasings.map((text) => exhaustive(index.rank(text, only))), depth));
      }),
      { numRuns: 200 },
    );
  });

  it('ranks a page of a word held by every memory beside a rare one as exhaustive scoring does', () => {
    const list: Memory[] = Array.from({ length: 500 }, (_, i) => ({
      id: `c${i}`,
      agent: 'data_engineer',
      type: MEMORY_TYPES[i % 8]!,
      content: i % 50 === 0 ? 'Partition the orders table by date' : `Vacuum the table number ${i % 7}`,
      createdAt: TIMES[i % 3]!,
      updatedAt: TIMES[i % 3]!,
    }));
    const index = new MemoryIndex(list);
    for (const query of ['orders table', 'table', 'table orders by date', 'table number']) {
      expect(index.rank(query).top(10)).toEqual(index.rank(query).top(Infinity).slice(0, 10));
      expect(index.rank(query, { type: 'pattern' }).top(3)).toEqual(index.rank(query, { type: 'pattern' }).top(Infinity).slice(0, 3));
    }
  });
});
