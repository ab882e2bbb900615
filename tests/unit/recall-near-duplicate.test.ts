import { describe, it, expect } from 'vitest';
import { factTokens, findNearDuplicate, NearDuplicateIndex } from '../../src/domain/recall/near-duplicate.js';
import { NO_CORE } from '../../src/domain/recall/index-entries.js';
import { factHashesOf } from '../../src/domain/recall/fact-hashes.js';

const near = (content: string, existing: string) => findNearDuplicate(content, [{ id: 'old', content: existing }]);

describe('factTokens', () => {
  it('lower-cases, drops punctuation and stop words, stems, and keeps word order', () => {
    expect(factTokens('Order lookups.')).toEqual(['order', 'lookup']);
    expect(factTokens('Partition the events table, by month!')).toEqual(['partition', 'event', 'tabl', 'month']);
  });

  it('keeps identifiers whole and unstemmed, camelCase in its case', () => {
    expect(factTokens('Use idx_orders_dates on orders.created_at (port 5432)')).toEqual(['use', 'idx_orders_dates', 'orders.created_at', 'port', '5432']);
    expect(factTokens('Call getUsers first')).toEqual(['call', 'getUsers', 'first']);
  });

  it('folds every spelling of a negation into "not"', () => {
    expect(factTokens("Don't use SELECT *")).toEqual(factTokens('Never use select'));
    expect(factTokens('Avoid SELECT *')).toEqual(['not', 'select']);
    expect(factTokens('non-idempotent loads')).toEqual(['not', 'idempotent', 'load']);
  });

  it('folds number words, unit spellings, thousands separators and hyphenation', () => {
    expect(factTokens('three retries, twenty-four partitions')).toEqual(['3', 'retri', '24', 'partition']);
    expect(factTokens('wait 30 seconds')).toEqual(factTokens('wait 30s'));
    expect(factTokens('10,000 rows per 10k batch')).toEqual(['10000', 'row', 'per', '10000', 'batch']);
    expect(factTokens('back-off')).toEqual(['backoff']);
    expect(factTokens('order-lookup')).toEqual(['order', 'lookup']);
  });
});

describe('findNearDuplicate', () => {
  it.each([
    ['order lookups.', 'order lookup'],
    ['Use exponential backoff for API retries', 'use exponential backoff for all api retry'],
    ['Partition the events table by day', 'Partition events table daily.'],
    ["Don't run full refreshes on prod", 'Never run full refresh on production'],
    ['Retry 3 times before paging', 'Retry three times before paging'],
    ['Snowflake query timeout is 30s', 'Snowflake query timeout is 30 s'],
    ['Postgres CDC runs through Debezium', 'PostgreSQL CDC runs through Debezium'],
    ['Use exponential backoff on 429s', 'Use exponential back-off on 429s'],
    ['Vacuum every table weekly', 'Vacuum each table weekly'],
    ['Dedupe events on event_id', 'Deduplicate events on event_id'],
    ['Use MERGE instead of INSERT for loads', 'Use MERGE, not INSERT, for loads'],
    ['Suspend all warehouses after 60 seconds idle', 'Suspend every warehouse after 60 seconds idle'],
    ['Always validate source schemas before the load', 'Validate the source schema before the load'],
  ])('treats "%s" and "%s" as one memory', (content, existing) => {
    expect(near(content, existing)?.id).toBe('old');
  });

  it.each([
    ['Replicate orders from Postgres to Snowflake', 'Replicate orders from Snowflake to Postgres', 'direction'],
    ['Kafka orders topic: 12 partitions and 3 replicas', 'Kafka orders topic: 3 partitions and 12 replicas', 'which number goes with which word'],
    ['Retry 3 times with a 5 second backoff', 'Retry 5 times with a 3 second backoff', 'which number goes with which word'],
    ['Port 5432 primary, 5433 replica', 'Port 5432 replica, 5433 primary', 'which number goes with which word'],
    ['Process 1 learned lesson number 2', 'Process 2 learned lesson number 1', 'order of numbers'],
    ['Avoid running VACUUM FULL on the production orders table in business hours', 'Run VACUUM FULL on the production orders table in business hours', 'polarity'],
    ['Enable result caching on the reporting warehouse for the finance team', 'Disable result caching on the reporting warehouse for the finance team', 'polarity'],
    ['Increase shuffle partitions for the nightly Spark join on the orders table', 'Decrease shuffle partitions for the nightly Spark join on the orders table', 'polarity'],
    ['Sort the export by created_at ascending before the load into BigQuery', 'Sort the export by created_at descending before the load into BigQuery', 'polarity'],
    ['Run dbt snapshots before the incremental models in the nightly job', 'Run dbt snapshots after the incremental models in the nightly job', 'polarity'],
    ['Make the orders loader idempotent so reruns after a failure are safe', 'Make the orders loader non-idempotent so reruns after a failure are safe', 'polarity'],
    ['Keep at most 8 connections per worker in the Postgres ingestion pool', 'Keep at least 8 connections per worker in the Postgres ingestion pool', 'polarity'],
    ['Set the executor memory overhead to 128 MB for the nightly aggregation job', 'Set the executor memory overhead to 128 GB for the nightly aggregation job', 'unit'],
    ['The dashboard API query timeout is 45 s for every tenant in production', 'The dashboard API query timeout is 45 ms for every tenant in production', 'unit'],
    ['Avoid running VACUUM FULL on the production orders table in business hours', 'Avoid running VACUUM FULL on the production events table in business hours', 'named thing'],
    ['Embeddings for the support search come from OpenAI with a 10 s timeout', 'Embeddings for the support search come from Anthropic with a 10 s timeout', 'named thing'],
    ['Stripe charges are loaded hourly into the raw schema with a watermark', 'Stripe refunds are loaded hourly into the raw schema with a watermark', 'named thing'],
    ['Call getUser before every write to the accounts table', 'Call getUsers before every write to the accounts table', 'identifier'],
    ['Set spark.sql.shuffle.partitions to 200 for the nightly job', 'Set spark.sql.shuffle.partitions for the nightly job', 'a missing value'],
  ])('keeps "%s" and "%s" apart: %s differs', (content, existing) => {
    expect(near(content, existing)).toBeUndefined();
  });

  it('reports the most similar candidate, an exact twin first', () => {
    const candidates = [
      { id: 'close', content: 'Always use exponential backoff for all API retries' },
      { id: 'same', content: 'use exponential backoff for api retries' },
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
    { id: 'e', content: 'Kafka orders topic has 12 partitions' },
    { id: 'f', content: 'Kafka orders topic had 6 partitions', archivedAt: '2025-01-01T00:00:00.000Z' },
  ];

  it.each([
    'use exponential backoff for all api retry',
    'postgres replica listens on port 5433',
    'Use idx_orders_date for order lookup.',
    'Use idx_orders_day for order lookups',
    'partition clickstream events table daily',
    'Always partition the clickstream events table by month in staging',
    'Kafka consumers commit offsets after the write',
  ])('agrees with a full scan for "%s"', (content) => {
    const index = new NearDuplicateIndex(MEMORIES);
    expect(index.find(content)).toEqual(findNearDuplicate(content, MEMORIES));
  });

  it('reports an exact duplicate with similarity 1 and skips the memory being edited', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    expect(index.find('  use EXPONENTIAL backoff for API retries ')).toEqual({ id: 'a', similarity: 1 });
    expect(index.find('Use exponential backoff for API retries', { excludeId: 'a' })).toBeUndefined();
  });

  it('lists active memories a new fact may supersede, most similar first, without duplicates or the archive', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    expect(index.related('Kafka orders topic now has 24 partitions')).toEqual([
      { id: 'e', content: 'Kafka orders topic has 12 partitions', similarity: expect.any(Number) },
    ]);
    expect(index.related('Kafka orders topic has 12 partitions', { excludeId: 'e' })).toEqual([]);
    expect(index.related('Snowflake warehouses auto-suspend after 60 s')).toEqual([]);
  });

  it('stays in step after add, replace and remove', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    index.add({ id: 'g', content: 'Vacuum Delta tables every week' });
    expect(index.find('vacuum delta tables weekly.')?.id).toBe('g');
    index.add({ id: 'g', content: 'Optimize Iceberg tables every night' });
    expect(index.find('vacuum delta tables every week.')).toBeUndefined();
    expect(index.find('optimize iceberg tables every night')?.id).toBe('g');
    index.remove('g');
    expect(index.find('optimize iceberg tables every night')).toBeUndefined();
    expect(index.size).toBe(MEMORIES.length);
  });

  it('finds duplicates among archived memories and relates only active ones, before and after its related-word postings exist', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    // An archived memory's words are looked at only when its fact key matches.
    expect(index.find('kafka orders topic had six partitions')).toEqual({ id: 'f', similarity: 1 });
    expect(index.related('Kafka orders topic now has 24 partitions').map(({ id }) => id)).toEqual(['e']);
    // Added, archived and restored once the postings exist: each kept in step.
    index.add({ id: 'g', content: 'Kafka orders topic has 48 partitions', archivedAt: '2025-02-01T00:00:00.000Z' });
    index.add({ id: 'h', content: 'Kafka orders topic has 96 partitions' });
    index.markArchived('e');
    expect(index.related('Kafka orders topic now has 24 partitions').map(({ id }) => id)).toEqual(['h']);
    expect(index.find('kafka orders topic has 48 partitions')?.id).toBe('g');
    index.remove('g');
    index.add({ id: 'g', content: 'Kafka orders topic has 48 partitions' });
    index.remove('e');
    index.remove('f');
    expect(index.related('Kafka orders topic now has 24 partitions').map(({ id }) => id).sort()).toEqual(['g', 'h']);
    expect(index.find('Kafka orders topic has 12 partitions')).toBeUndefined();
  });

  it('offers as related only memories still indexed, in the order they were last added, after many removals', () => {
    const index = new NearDuplicateIndex();
    const content = (n: number) => `orders topic ${n + 100} has 12 partitions`;
    for (let n = 0; n < 40; n++) index.add({ id: `m${n}`, content: content(n) });
    for (let n = 0; n < 40; n++) if (n % 4 !== 0) index.remove(`m${n}`);
    index.add({ id: 'm0', content: content(0) });
    const related = index.related('orders topic now has 12 partitions', { limit: 20 }).map(({ id }) => id);
    expect(related).toEqual(['m4', 'm8', 'm12', 'm16', 'm20', 'm24', 'm28', 'm32', 'm36', 'm0']);
  });

  it('finds the same duplicates as a full scan while it scans its entries and once its key and core maps exist, through adds, archiving and removals', () => {
    const index = new NearDuplicateIndex(MEMORIES);
    const live = new Map(MEMORIES.map((memory) => [memory.id, memory]));
    const probes = ['use EXPONENTIAL backoff for API retries', 'kafka orders topic had six partitions', 'Vacuum Delta tables weekly', 'Optimize Iceberg tables nightly'];
    const agrees = (when: string) => {
      for (const probe of probes) expect(index.find(probe), `${when}: ${probe}`).toEqual(findNearDuplicate(probe, live.values()));
    };
    // Each round looks every probe up once: the first rounds scan, the later ones use the maps.
    for (let round = 0; round < 6; round++) {
      agrees(`round ${round}`);
      const added = { id: `r${round}`, content: round % 2 === 0 ? 'Vacuum Delta tables every week' : 'Optimize Iceberg tables every night' };
      index.add(added);
      live.set(added.id, added);
      if (round === 2) {
        index.remove('a');
        live.delete('a');
      }
      if (round === 3) {
        index.markArchived('r0');
        index.remove('r0');
        live.delete('r0');
      }
    }
    agrees('at the end');
    expect(index.size).toBe(live.size);
  });
  it('built from columns of facts (an analysis cache\'s) answers as one built memory by memory, through adds, archiving, removals and compaction', () => {
    const columns = (contents: readonly string[]) => {
      const facts = contents.map(factHashesOf);
      return { keys: Int32Array.from(facts, ({ key }) => key), cores: Int32Array.from(facts, ({ core }) => core ?? NO_CORE) };
    };
    const probes = ['use EXPONENTIAL backoff for API retries', 'kafka orders topic had six partitions', 'Kafka orders topic now has 24 partitions', 'Vacuum Delta tables weekly'];
    const run = (index: NearDuplicateIndex) => {
      const seen: unknown[] = [];
      const look = () => seen.push(probes.map((probe) => [index.find(probe), index.related(probe)]), index.size);
      look();
      index.add({ id: 'g', content: 'Vacuum Delta tables every week' });
      index.markArchived('e');
      look();
      for (let n = 0; n < 80; n++) index.add({ id: `m${n}`, content: `orders topic ${n + 100} has 12 partitions` });
      for (let n = 0; n < 80; n++) index.remove(`m${n}`);
      index.remove('a');
      look();
      return seen;
    };
    expect(run(new NearDuplicateIndex(MEMORIES, factHashesOf, columns))).toEqual(run(new NearDuplicateIndex(MEMORIES)));
    expect(run(new NearDuplicateIndex([], factHashesOf, columns))).toEqual(run(new NearDuplicateIndex([])));
  });
});
