// Deterministic, varied memory texts, so that search and near-duplicate checks work on
// something shaped like real data-engineering notes rather than one repeated string.
const TYPES = ['pattern', 'architecture', 'guideline', 'mistake', 'strategy', 'integration', 'performance', 'context'];
const VERBS = ['Use', 'Prefer', 'Avoid', 'Cache', 'Partition', 'Index', 'Batch', 'Retry', 'Validate', 'Stream', 'Shard', 'Compress'];
const THINGS = ['orders', 'events', 'invoices', 'sessions', 'customers', 'payments', 'clicks', 'shipments', 'ledgers', 'metrics', 'users', 'logs'];
const HOW = ['by date', 'with backoff on 429', 'in Kafka', 'via CDC', 'with composite indexes', 'before joins', 'in Parquet', 'per tenant', 'with idempotent upserts', 'in Redis', 'under 10k rows', 'at pipeline edges'];

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

export function memoryText(i) {
  return `${pick(VERBS)} ${pick(THINGS)} ${pick(HOW)} (note ${i})`;
}

export function storeFile(count, project) {
  const stamp = Date.parse('2026-01-01T00:00:00Z');
  const lines = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(stamp + i * 1000).toISOString();
    lines.push(JSON.stringify({ id: `b${i.toString(36)}`, agent: 'data_engineer', type: TYPES[i % 8], content: memoryText(i), createdAt: at, updatedAt: at }));
  }
  return `{"schemaVersion":1,"project":${JSON.stringify(project)},"memories":[\n${lines.join(',\n')}\n]}\n`;
}

/** The reference server's JSONL graph with one entity per memory. */
export function referenceGraph(count) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ type: 'entity', name: `memory-${i}`, entityType: TYPES[i % 8], observations: [memoryText(i)] }));
  return `${lines.join('\n')}\n`;
}

export function extractText(blocks) {
  const parts = [];
  for (let i = 0; i < blocks; i++) parts.push(`# Add To Memory:\nType: ${TYPES[i % 8]}\nContent: ${memoryText(1_000_000 + i)}\n#\n`);
  return parts.join('\n');
}

export const QUERIES = ['rate limit retries', 'partition orders by date', 'kafka events', 'composite index customers', 'idempotent upserts payments', 'redis cache sessions', 'parquet logs', 'cdc invoices'];
