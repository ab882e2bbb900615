import { describe, it, expect } from 'vitest';
import type { Memory, MemoryType } from '../../src/domain/memory.js';
import { MemoryIndex } from '../../src/domain/recall/memory-index.js';

let clock = 0;
function memory(id: string, type: MemoryType, content: string, extra: Partial<Memory> = {}): Memory {
  const at = new Date(Date.UTC(2025, 0, 1) + clock++ * 60_000).toISOString();
  return { id, agent: 'data_engineer', type, content, createdAt: at, updatedAt: at, ...extra };
}

const FIXTURE: Memory[] = [
  memory('m01', 'integration', 'Backoff on 429 from OpenAI API: sleep 2^n seconds with jitter, cap at 60s'),
  memory('m02', 'pattern', 'Airflow tasks: retries=3, retry_delay=5m; alert on the final failure only'),
  memory('m03', 'performance', 'Filter on event_date first so partition pruning kicks in on the events table'),
  memory('m04', 'pattern', 'Make every load idempotent: MERGE on the natural key, never a blind INSERT'),
  memory('m05', 'pattern', 'Use a dead letter queue for poison messages instead of failing the whole batch'),
  memory('m06', 'mistake', 'Letter codes in the queue table are dead weight; drop them in staging'),
  memory('m07', 'performance', 'Snowflake: an XS warehouse is enough for dbt CI; scale up only for backfills'),
  memory('m08', 'mistake', 'NULL keys never match in joins; COALESCE nullable columns before joining'),
  memory('m09', 'architecture', 'SCD2 (slowly changing dimension) for customers: valid_from, valid_to, is_current'),
  memory('m10', 'guideline', 'Store timestamps in UTC; convert to local timezone only in the BI layer'),
  memory('m11', 'performance', 'Target 128-512 MB parquet files; many small files kill Spark read performance'),
  memory('m12', 'strategy', 'Schema drift from the CRM API: land raw JSON first, then type columns in dbt'),
  memory('m13', 'integration', 'Stripe webhooks arrive out of order: upsert by event id and keep the latest'),
  memory('m14', 'context', 'Warehouse is Snowflake; orchestration is Airflow 2.9 on MWAA'),
  memory('m15', 'guideline', 'Every dbt model needs unique and not_null tests on its primary key'),
  memory('m16', 'mistake', 'SELECT * in views broke downstream models when the source added columns'),
  memory('m17', 'performance', 'Cluster the orders table by customer_id; most lookups filter on it'),
  memory('m18', 'integration', 'Postgres replica on port 5432 is read-only; write to the primary on 5433'),
  memory('m19', 'pattern', 'Debezium CDC from Postgres lands in Kafka topic cdc.orders; compact by key'),
  memory('m20', 'strategy', 'Backfill one month at a time so a failure only reruns that month'),
  memory('m21', 'mistake', 'pandas read_csv guessed zip codes as integers; pass dtype=str for id-like columns'),
  memory('m22', 'guideline', 'Name staging models stg_<source>__<table>, marts fct_ and dim_'),
  memory('m23', 'performance', 'Spark OOM on wide joins: broadcast the small side, raise shuffle partitions'),
  memory('m24', 'architecture', 'Medallion layout: bronze raw, silver cleaned, gold business-ready tables'),
  memory('m25', 'integration', 'Salesforce bulk API caps at 10k records per batch; paginate with queryMore'),
  memory('m26', 'guideline', 'Deduplicate events on (event_id, source) before loading to silver'),
  memory('m27', 'context', 'Data contracts live in contracts/*.yaml and are checked in CI'),
  memory('m28', 'mistake', 'Great Expectations suite timed out on the full table; sample 1% in CI'),
  memory('m29', 'pattern', 'Use watermark columns for incremental loads, not updated_at alone'),
  memory('m30', 'strategy', 'Retry transient S3 errors in the loader; fail fast on access denied'),
];

const topId = (index: MemoryIndex, query: string) => index.search(query)[0]?.id;

describe('MemoryIndex relevance', () => {
  const index = new MemoryIndex(FIXTURE);

  it.each([
    ['rate limit retries', 'm01', 'a synonym bridges words the memory does not use'],
    ['partiton pruning', 'm03', 'a typo is tolerated'],
    ['idemp', 'm04', 'a word prefix matches'],
    ['dead letter queue', 'm05', 'the exact phrase outranks the same words scattered'],
    ['snowflake warehouse size for CI', 'm07', 'more matching words rank higher'],
    ['null join keys', 'm08', 'plural and -ing forms meet their stem'],
    ['slowly changing dimensions', 'm09', 'plural query meets singular memory'],
    ['timezone for timestamps', 'm10', 'stop words in the query are ignored'],
    ['small parquet files', 'm11', 'every word counts'],
    ['out of order webhooks', 'm13', 'a short distinctive phrase'],
    ['deduplication', 'm26', '-ation meets its -ate verb'],
    ['spark out of memory', 'm23', 'an abbreviation meets its expansion'],
    ['port 5433', 'm18', 'numbers match exactly'],
    ['retry_delay', 'm02', 'a snake_case identifier matches whole'],
  ])('ranks the best answer first for "%s" (%s, %s)', (query, expected) => {
    expect(topId(index, query)).toBe(expected);
  });

  it('returns scores best first', () => {
    const scores = index.search('table partitions').map((hit) => hit.score);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks the query words held close together and in its order before the same words apart or reversed', () => {
    // The same words in each: only the order and distance of "commit" and "offsets" differ, and
    // the close one is the oldest, so a tie would rank it last.
    const near = new MemoryIndex([
      memory('close', 'pattern', 'Commit Kafka offsets then the batch to the warehouse'),
      memory('apart', 'pattern', 'Commit the batch to the warehouse then Kafka offsets'),
      memory('reversed', 'pattern', 'Kafka offsets then commit the batch to the warehouse'),
    ]);
    expect(near.search('commit offsets').map((hit) => hit.id)[0]).toBe('close');
    expect(near.search('comit ofsets').map((hit) => hit.id)[0], 'typo variants count as the words').toBe('close');
  });


  it('counts query words that name one concept as one matched word, however many of them the query has', () => {
    // "spend" and "budget" share the cost line of the concept table: a memory holding only a
    // related word of it ("credits") matched one concept, not two query words.
    const concept = new MemoryIndex([
      memory('related', 'context', 'Finance reviews the credits'),
      memory('suspend', 'context', 'Snowflake warehouse auto-suspend after 60 seconds'),
      memory('loaders', 'context', 'Snowflake warehouse for the loaders'),
      memory('dashboards', 'context', 'Snowflake warehouse for dashboards'),
      // A store's other memories: in a store of only these four, "snowflake" and "warehouse" are
      // held by most, and a common word counts less in the factor than the rare "credits".
      ...['Kafka topic orders', 'Airflow sensors', 'dbt staging models', 'Postgres replica', 'Stripe webhooks', 'Spark shuffle'].map((content, i) => memory(`other${i}`, 'context', content)),
    ]);
    const scoreOf = (query: string) => concept.search(query).find((hit) => hit.id === 'related')?.score;
    expect(scoreOf('spend budget')).toBe(scoreOf('spend'));
    // Below every memory that matched two other query words (as two, it ranked first).
    expect(concept.search('snowflake warehouse spend budget').at(-1)!.id).toBe('related');
  });
  it('finds nothing for an empty query or words no memory contains', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('kubernetes helm')).toEqual([]);
  });

  it('does not treat a neighbouring number as a typo', () => {
    expect(index.search('5434')).toEqual([]);
  });

  it('matches the agent name whole, not as a prefix of a query word', () => {
    expect(index.search('data').map((hit) => hit.id)).toEqual(['m27']);
    expect(index.search('data_engineer')).toHaveLength(FIXTURE.length);
  });

  it('finds agents named with a word the stemmer changes or with a hyphen, queried by name', () => {
    const named = new MemoryIndex([
      memory('d1', 'pattern', 'Nothing relevant here', { agent: 'database' }),
      memory('e1', 'pattern', 'Nothing relevant here', { agent: 'etl-pipeline' }),
      memory('s1', 'pattern', 'Nothing relevant here', { agent: 'strategy' }),
    ]);
    expect(named.search('database').map((hit) => hit.id)).toEqual(['d1']);
    expect(named.search('etl-pipeline').map((hit) => hit.id)).toEqual(['e1']);
    expect(named.search('strategy').map((hit) => hit.id)).toEqual(['s1']);
    expect(named.search('datab'), 'still no prefix match on an agent').toEqual([]);
  });
});

describe('MemoryIndex filters', () => {
  const index = new MemoryIndex([
    memory('a1', 'pattern', 'Partition large tables by ingestion date'),
    memory('a2', 'mistake', 'Partition on a high-cardinality key made millions of files'),
    memory('a3', 'pattern', 'Partition by tenant for the billing agent', { agent: 'billing' }),
    memory('a4', 'pattern', 'Partition the old archive by year', { archivedAt: '2025-02-01T00:00:00.000Z' }),
  ]);
  const ids = (filter: Parameters<MemoryIndex['search']>[1]) => index.search('partition', filter).map((hit) => hit.id).sort();

  it('returns every agent, type and archive state without a filter', () => {
    expect(ids({})).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('keeps only the requested agent', () => {
    expect(ids({ agent: 'billing' })).toEqual(['a3']);
  });

  it('keeps only the requested type', () => {
    expect(ids({ type: 'mistake' })).toEqual(['a2']);
  });

  it('separates active from archived memories', () => {
    expect(ids({ archived: false })).toEqual(['a1', 'a2', 'a3']);
    expect(ids({ archived: true })).toEqual(['a4']);
  });

  it('combines filters', () => {
    expect(ids({ agent: 'data_engineer', type: 'pattern', archived: false })).toEqual(['a1']);
  });
});

describe('MemoryIndex kept in step with writes', () => {
  it('finds an added memory and forgets a removed one', () => {
    const index = new MemoryIndex();
    index.add(memory('x1', 'pattern', 'Vacuum Delta tables weekly'));
    expect(index.size).toBe(1);
    expect(topId(index, 'vacuum')).toBe('x1');
    index.remove('x1');
    expect(index.size).toBe(0);
    expect(index.search('vacuum')).toEqual([]);
  });

  it('finds prefix and typo variants added or removed after the same query already ran', () => {
    const index = new MemoryIndex([memory('x1', 'pattern', 'Vacuum Delta tables weekly')]);
    expect(index.search('idemp')).toEqual([]);
    expect(index.search('partiton')).toEqual([]);
    index.add(memory('x2', 'pattern', 'Idempotent loads into the partition table'));
    expect(index.search('idemp').map((hit) => hit.id)).toEqual(['x2']);
    expect(index.search('partiton').map((hit) => hit.id)).toEqual(['x2']);
    index.remove('x2');
    expect(index.search('idemp')).toEqual([]);
    expect(index.search('partiton')).toEqual([]);
  });

  it('leaves no trace of a removed memory that repeated its words', () => {
    const kept = memory('x2', 'pattern', 'Vacuum tables weekly');
    const index = new MemoryIndex([memory('x1', 'mistake', 'Vacuum vacuum VACUUM the staging tables'), kept, memory('x3', 'pattern', 'Vacuum logs')]);
    index.remove('x1');
    index.remove('x3');
    expect(index.search('vacuum tables')).toEqual(new MemoryIndex([kept]).search('vacuum tables'));
  });

  it('searches the new content after a replace, not the old', () => {
    const original = memory('x1', 'pattern', 'Vacuum Delta tables weekly');
    const index = new MemoryIndex([original]);
    index.replace({ ...original, content: 'Optimize Iceberg tables nightly' });
    expect(index.size).toBe(1);
    expect(index.search('vacuum')).toEqual([]);
    expect(topId(index, 'iceberg')).toBe('x1');
  });

  it('is unaffected when the caller mutates a memory it already added', () => {
    const mutable = memory('x1', 'pattern', 'Vacuum Delta tables weekly');
    const index = new MemoryIndex([mutable]);
    mutable.content = 'Optimize Iceberg tables nightly';
    index.replace(mutable);
    expect(index.search('vacuum')).toEqual([]);
    expect(topId(index, 'iceberg')).toBe('x1');
  });

  it('treats adding a known id as a replace and removing an unknown id as a no-op', () => {
    const index = new MemoryIndex([memory('x1', 'pattern', 'Vacuum Delta tables weekly')]);
    index.add(memory('x1', 'pattern', 'Optimize Iceberg tables nightly'));
    index.remove('nope');
    expect(index.size).toBe(1);
    expect(index.search('vacuum')).toEqual([]);
  });

  it('ranks the more recently updated memory first when scores tie', () => {
    const older = memory('old', 'pattern', 'Compact small files every night');
    const newer = memory('new', 'pattern', 'Compact small files every night');
    const index = new MemoryIndex([older, newer]);
    expect(index.search('compact').map((hit) => hit.id)).toEqual(['new', 'old']);
  });
});

describe('MemoryIndex.rank', () => {
  // Many memories sharing words, scores and timestamps, so ties must be broken the same way everywhere.
  const words = ['orders', 'events', 'invoices', 'partition', 'cache', 'retry'];
  const index = new MemoryIndex(
    Array.from({ length: 600 }, (_, i) =>
      memory(`r${i}`, 'pattern', `${words[i % 6]} ${words[(i * 7) % 6]} table ${i % 3 === 0 ? 'by date' : 'nightly'}`, {
        updatedAt: new Date(Date.UTC(2025, 0, 1 + (i % 4))).toISOString(),
      }),
    ),
  );

  it.each(['orders table', 'partition by date', 'cache invoices nightly'])('pages "%s" in the same order as search', (query) => {
    const all = index.search(query);
    const ranking = index.rank(query);
    expect(ranking.total).toBe(all.length);
    for (const count of [1, 5, 40, 300, all.length + 1]) expect(ranking.top(count)).toEqual(all.slice(0, count));
    expect([...ranking]).toEqual(all);
  });

  it('refuses to be read after the index changed, rather than name the wrong memories', () => {
    const small = new MemoryIndex([memory('s1', 'pattern', 'Vacuum Delta tables weekly')]);
    const ranking = small.rank('vacuum');
    small.add(memory('s2', 'pattern', 'Vacuum Iceberg tables nightly'));
    expect(() => ranking.top(1)).toThrow(/search again/u);
  });

  it('counts and ranks only what the filter keeps', () => {
    const ranking = index.rank('orders', { type: 'mistake' });
    expect(ranking.total).toBe(0);
    expect(ranking.top(10)).toEqual([]);
  });
});
