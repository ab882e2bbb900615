import { describe, it, expect } from 'vitest';
import {
  findNearDuplicate,
  NEAR_DUPLICATE_THRESHOLD,
  NearDuplicateIndex,
  similarity,
  wordSet,
} from '../../src/domain/recall/near-duplicate.js';

const score = (a: string, b: string) => similarity(wordSet(a), wordSet(b));

describe('wordSet', () => {
  it('lower-cases, drops punctuation and stop words, and stems', () => {
    expect(wordSet('Order lookups.')).toEqual(new Set(['order', 'lookup']));
    expect(wordSet('Partition the events table, by day!')).toEqual(new Set(['partition', 'event', 'tabl', 'day']));
  });

  it('keeps identifiers whole and unstemmed', () => {
    expect(wordSet('Use idx_orders_dates on orders.created_at (port 5432)')).toEqual(
      new Set(['use', 'idx_orders_dates', 'orders.created_at', 'port', '5432']),
    );
  });

  it('keeps camelCase identifiers in their case so they stay identifiers', () => {
    expect(wordSet('Call getUsers first')).toEqual(new Set(['call', 'getUsers', 'first']));
  });

  it('folds every spelling of a negation into "not"', () => {
    expect(wordSet("Don't use SELECT *")).toEqual(wordSet('Never use select'));
    expect(wordSet('Do not use SELECT *')).toEqual(new Set(['not', 'use', 'select']));
    expect(wordSet('Backfills: never.')).toEqual(new Set(['backfill', 'not']));
  });
});

describe('similarity', () => {
  it('is Jaccard: shared words over all words', () => {
    expect(similarity(new Set(['a1', 'b']), new Set(['a1', 'b']))).toBe(1);
    expect(similarity(new Set(['x', 'y', 'z', 'w']), new Set(['x', 'y', 'z', 'v']))).toBeCloseTo(3 / 5);
  });

  it('is 0 when either memory has no words left to compare', () => {
    expect(similarity(new Set(), new Set())).toBe(0);
    expect(similarity(new Set(['x']), new Set())).toBe(0);
  });

  it('scores one extra word in a long memory as a near-duplicate', () => {
    expect(score('Use exponential backoff for API retries', 'Use exponential backoff for all API retries'))
      .toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
  });

  it('does not score one swapped word in a short memory as a near-duplicate', () => {
    expect(score('Always partition the clickstream events table by day', 'Always partition the clickstream events table by month'))
      .toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
  });
});

describe('findNearDuplicate', () => {
  const near = (content: string, existing: string) => findNearDuplicate(content, [{ id: 'old', content: existing }]);

  it.each([
    ['order lookups.', 'order lookup'],
    ['Use exponential backoff for API retries', 'use exponential backoff for api retry'],
    ['Partition the events table by day', 'Partition events table by day.'],
    ["Don't run full refreshes on prod", 'Do not run full refresh on prod'],
    ['Backfill one month at a time', 'backfill ONE month   at a time'],
  ])('treats "%s" and "%s" as one memory', (content, existing) => {
    expect(near(content, existing)).toEqual({ id: 'old', similarity: 1 });
  });

  it.each([
    ['port 5432', 'port 5433'],
    ['use pool size 10', 'use pool size 20'],
    ['Use idx_orders_date', 'Use idx_orders_day'],
    ['Set spark.sql.shuffle.partitions to 200 for the nightly job', 'Set spark.sql.shuffle.partitions for the nightly job'],
    ['Call getUser before every write to the accounts table', 'Call getUsers before every write to the accounts table'],
    ['Use exponential backoff for API retries on the ingest job', 'Do not use exponential backoff for API retries on the ingest job'],
  ])('keeps "%s" and "%s" apart: a number, identifier or negation differs', (content, existing) => {
    expect(near(content, existing)).toBeUndefined();
  });

  it('reports the most similar candidate, not the first above the threshold', () => {
    const candidates = [
      { id: 'close', content: 'Use exponential backoff for all API retries' },
      { id: 'same', content: 'use exponential backoff for api retry' },
    ];
    expect(findNearDuplicate('Use exponential backoff for API retries', candidates)).toEqual({ id: 'same', similarity: 1 });
  });
});

describe('NearDuplicateIndex', () => {
  const MEMORIES = [
    { id: 'a', content: 'Use exponential backoff for API retries' },
    { id: 'b', content: 'Postgres replica listens on port 5432' },
    { id: 'c', content: 'Use idx_orders_date for order lookups' },
    { id: 'd', content: 'Partition the clickstream events table by day' },
    { id: 'e', content: 'Always partition the clickstream events table by day in staging' },
  ];

  it.each([
    'use exponential backoff for all api retry',
    'postgres replica listens on port 5433',
    'Use idx_orders_date for order lookup.',
    'Use idx_orders_day for order lookups',
    'partition clickstream events table by day',
    'Always partition the clickstream events table by month in staging',
    'Kafka consumers commit offsets after the write',
  ])('agrees with a full scan for "%s"', (content) => {
    const index = new NearDuplicateIndex(MEMORIES);
    expect(index.find(content)).toEqual(findNearDuplicate(content, MEMORIES));
  });

  it('reports an exact duplicate with similarity 1', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    expect(index.find('  use EXPONENTIAL backoff for API retries ')).toEqual({ id: 'a', similarity: 1 });
  });

  it('skips the memory being edited', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    expect(index.find('Use exponential backoff for API retries', { excludeId: 'a' })).toBeUndefined();
  });

  it('stays in step after add, replace and remove', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    index.add({ id: 'f', content: 'Vacuum Delta tables every week' });
    expect(index.find('vacuum delta tables every week.')?.id).toBe('f');
    index.add({ id: 'f', content: 'Optimize Iceberg tables every night' });
    expect(index.find('vacuum delta tables every week.')).toBeUndefined();
    expect(index.find('optimize iceberg tables every night')?.id).toBe('f');
    index.remove('f');
    expect(index.find('optimize iceberg tables every night')).toBeUndefined();
    expect(index.size).toBe(MEMORIES.length);
  });
});
