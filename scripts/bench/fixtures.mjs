// Deterministic, varied memory texts, so that search and near-duplicate checks work on
// something shaped like real data-engineering notes rather than one repeated string.
const TYPES = ['pattern', 'architecture', 'guideline', 'mistake', 'strategy', 'integration', 'performance', 'context'];
// Vocabulary sized so that, like a real store, a query word matches a small share of memories.
const VERBS = ['Use', 'Prefer', 'Avoid', 'Cache', 'Partition', 'Index', 'Batch', 'Retry', 'Validate', 'Stream', 'Shard', 'Compress',
  'Deduplicate', 'Backfill', 'Snapshot', 'Vacuum', 'Cluster', 'Denormalise', 'Encrypt', 'Mask', 'Monitor', 'Throttle', 'Replay', 'Archive',
  'Materialise', 'Bucket', 'Sample', 'Audit', 'Version', 'Pin', 'Tune', 'Profile', 'Alert on', 'Load', 'Export', 'Migrate'];
const THINGS = ['orders', 'events', 'invoices', 'sessions', 'customers', 'payments', 'clicks', 'shipments', 'ledgers', 'metrics', 'users', 'logs',
  'refunds', 'carts', 'products', 'reviews', 'campaigns', 'impressions', 'subscriptions', 'tickets', 'devices', 'sensors', 'trades', 'quotes',
  'embeddings', 'prompts', 'completions', 'transcripts', 'documents', 'images', 'contracts', 'vendors', 'warehouses', 'routes', 'drivers',
  'claims', 'policies', 'accounts', 'transfers', 'balances', 'leads', 'opportunities', 'forecasts', 'budgets', 'employees', 'timesheets',
  'patients', 'visits', 'labs', 'prescriptions', 'courses', 'grades', 'listings', 'bookings', 'flights', 'hotels', 'tracks', 'playlists'];
const HOW = ['by date', 'with backoff on 429', 'in Kafka', 'via CDC', 'with composite indexes', 'before joins', 'in Parquet', 'per tenant',
  'with idempotent upserts', 'in Redis', 'at pipeline edges', 'in BigQuery', 'in Snowflake', 'with dbt snapshots', 'via Airflow sensors',
  'behind a feature flag', 'with a dead letter queue', 'in Delta Lake', 'with Z-ordering', 'using bloom filters', 'on the read replica',
  'with pgbouncer pooling', 'in hourly micro-batches', 'with watermarking', 'using exactly-once sinks', 'with schema registry checks',
  'before the nightly export', 'with row-level security', 'behind the API gateway', 'with TTL expiry', 'using HyperLogLog', 'in Iceberg tables',
  'with Great Expectations', 'via the OpenAI batch API', 'with token budgets', 'after PII masking', 'with retries capped at 5', 'on spot instances'];

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

/**
 * A memory text; `ref` adds a distinguishing number so measured adds are never near-duplicates.
 * Nine in ten say "table", as a real store has words in most of its memories: a query with one
 * of them is the case a ranked search must not pay for by scoring every memory (issue #17).
 */
export function memoryText(ref) {
  const text = `${pick(VERBS)} ${pick(THINGS)}${random() < 0.9 ? ' table' : ''} ${pick(HOW)}`;
  return ref === undefined ? text : `${text} (ref ${ref})`;
}

/** A store file of `count` memories; with `writeId`, laid out exactly as the server writes one. */
export function storeFile(count, project, { writeId } = {}) {
  const stamp = Date.parse('2026-01-01T00:00:00Z');
  const lines = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(stamp + i * 1000).toISOString();
    lines.push(JSON.stringify({ id: `b${i.toString(36)}`, agent: 'data_engineer', type: TYPES[i % 8], content: memoryText(), createdAt: at, updatedAt: at }));
  }
  const id = writeId === undefined ? '' : `"writeId":${JSON.stringify(writeId)},`;
  return `{"schemaVersion":1,${id}"project":${JSON.stringify(project)},"memories":[\n${lines.join(',\n')}\n]}\n`;
}

/** The reference server's JSONL graph with one entity per memory. */
export function referenceGraph(count) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ type: 'entity', name: `memory-${i}`, entityType: TYPES[i % 8], observations: [memoryText()] }));
  return `${lines.join('\n')}\n`;
}

export function extractText(blocks) {
  const parts = [];
  for (let i = 0; i < blocks; i++) parts.push(`# Add To Memory:\nType: ${TYPES[i % 8]}\nContent: ${memoryText(1_000_000 + i)}\n#\n`);
  return parts.join('\n');
}

/** Queries of words each held by a few percent of the memories. */
export const QUERIES = ['rate limit retries', 'partition orders by date', 'kafka events', 'composite index customers', 'idempotent upserts payments', 'redis cache sessions', 'parquet logs', 'cdc invoices'];

/** The same queries with a word held by nine memories in ten. */
export const COMMON_QUERIES = QUERIES.map((query) => `${query} table`);
