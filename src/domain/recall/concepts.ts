/**
 * Words a data engineer uses for one concept while a memory uses another: "reduce the Snowflake
 * bill" needs "credits", "the job ran out of memory" needs "OOM". A query that mentions any phrase
 * of a line also searches the line's other phrases, counting less than the user's own words, and
 * all of a line's phrases count as one matched query term. Unlike equivalents.ts these are only
 * related, never merged as duplicates. A phrase of several words is spotted in a query only whole
 * (stop words included) and matches a memory only by all its words; one that is a single word once
 * stop words are dropped ("on-call") is spotted but never searched, so "call" alone does not stand
 * in for alerting (synonyms.ts).
 *
 * To extend: add a phrase to the line of its concept, or a new line under the right heading.
 * Keep a line to one concept: a line mixing two ("page" as pagination and as paging the on-call)
 * ranks the other meaning's memories above the answer; a word of two meanings goes on both lines
 * ("sandbox": a dev copy, an API's test mode). `npm run eval` shows the effect, on the blind2 set
 * only if the line was not written from its queries.
 */
export const CONCEPTS: readonly (readonly string[])[] = [
  // Money and cost
  ['cost', 'costs', 'bill', 'billing', 'spend', 'spending', 'credits', 'expensive', 'cheap', 'cheaper', 'budget', 'pricing', 'on-demand pricing', 'waste', 'wasted', 'burned', 'pay', 'paying'],
  ['reduce', 'cut', 'lower', 'save', 'savings', 'shrink', 'downsize', 'trim'],
  ['money', 'price', 'prices', 'amount', 'amounts', 'currency', 'cents', 'usd'],
  ['rounding', 'rounding errors', 'floating point', 'float', 'decimal', 'precision'],
  ['sum', 'add up', 'adding up', 'total', 'totals', 'summed'],
  ['revenue', 'income', 'sales', 'mrr', 'booked', 'recognised'],
  // Memory, disk and resources
  ['oom', 'out of memory', 'ran out of memory', 'oomkilled', 'memory', 'ram', 'memoryoverhead', 'heap'],
  ['disk', 'disk space', 'out of space', 'ran out of space', 'filled up', 'storage full'],
  ['killed', 'crashed', 'crash', 'died', 'dies', 'restarting', 'restarts', 'evicted'],
  ['container', 'containers', 'pod', 'pods', 'docker', 'image'],
  // Speed
  ['slow', 'slower', 'takes forever', 'takes long', 'long time', 'sluggish', 'faster', 'speed up', 'latency', 'runtime', 'throughput'],
  ['parse', 'parsing', 'parse time', 'load time', 'takes forever to load', 'top-level code'],
  ['skew', 'skewed', 'hot key', 'hot keys', 'straggler', 'takes much longer than the others', 'uneven'],
  ['small files', 'tiny files', 'many files', 'tiny objects', 'too many objects', 'compaction', 'compact'],
  ['file size', 'output files', 'files of', 'what size'],
  // Orchestration
  ['dag', 'dags', 'pipeline definition', 'workflow definition', 'dag file'],
  ['schedule', 'scheduled', 'scheduler', 'never runs', 'never ran', 'never gets scheduled', 'start_date', 'cron'],
  ['backfill', 'backfills', 'reload history', 'historical load', 'catchup', 'past months'],
  ['sensor', 'sensors', 'wait for a file', 'waiting', 'poke'],
  // Reliability
  ['retry', 'retries', 'retried', 'resend', 'resent', 'resubmit', 'try again', 'tries', 'attempts', 'rerun', 'replay', 'backoff'],
  ['upsert', 'merge', 'merge into'],
  ['cdc', 'change data capture', 'debezium', 'logical replication'],
  ['duplicate', 'duplicates', 'dedup', 'deduplicate', 'twice', 'double', 'doubled', 'two times', 'double counted', 'repeated'],
  ['idempotent', 'idempotency', 'idempotency-key', 'safe to rerun', 'exactly once', 'at least once'],
  ['timeout', 'timeouts', 'timed out', 'time out', 'hang', 'hung', 'hangs', 'stuck', 'runs too long', 'runaway', 'statement_timeout'],
  ['lost', 'lose', 'loss', 'data loss', 'missing', 'dropped', 'disappeared'],
  ['delete', 'deletes', 'deleted', 'deleting', 'remove', 'removed', 'removing', 'wipe', 'wiped', 'erase', 'emptied'],
  ['concurrent', 'concurrently', 'at once', 'at the same time', 'simultaneously', 'in parallel', 'race', 'raced', 'two writers'],
  ['endless loop', 'infinite loop', 'looped forever', 'loop forever', 'never ends', 'stuck'],
  ['fail', 'failed', 'failure', 'failing', 'broke', 'broken', 'error', 'errors'],
  // Streaming
  ['lag', 'consumer lag', 'backlog', 'falling behind', 'fell behind', 'behind', 'catch up', 'delay', 'delayed', 'late', 'show up late'],
  ['consumer', 'consumers', 'consumer group', 'subscriber'],
  ['producer', 'producers', 'produce', 'publish', 'publishes', 'published', 'publisher'],
  ['offset', 'offsets', 'commit', 'committed', 'acknowledge'],
  ['poison message', 'poison messages', 'dead letter', 'dlq', 'bad messages'],
  // APIs
  ['page', 'pages', 'paginate', 'pagination', 'paging', 'next page', 'cursor', 'page token', 'starting_after', 'next links'],
  ['429', 'rate limit', 'rate limits', 'throttle', 'throttling', 'too many requests', 'quota'],
  ['charge', 'charges', 'charged', 'payment', 'payments', 'card'],
  ['extractor', 'extract', 'extracts', 'ingestion', 'ingest', 'connector', 'sync', 'syncs'],
  ['endpoint', 'endpoints', 'api', 'rest api'],
  ['webhook', 'webhooks', 'callback', 'event notification'],
  ['llm', 'ai', 'gpt', 'claude', 'openai', 'anthropic', 'language model', 'classify', 'classification'],
  // Time
  ['timezone', 'time zone', 'utc', 'local time', 'daylight saving', 'daylight savings', 'dst', 'wrong day', 'midnight', 'late-night'],
  ['date', 'dates', 'timestamp', 'timestamps', 'datetime', 'event time', 'event times', 'time column'],
  // Schemas and data quality
  ['schema change', 'schema changes', 'schema drift', 'column type', 'changed a column', 'breaking change', 'renamed'],
  ['null', 'nulls', 'missing values', 'empty values'],
  ['freshness', 'stale', 'late data', 'out of date', 'sla', 'up to date'],
  ['encoding', 'latin-1', 'utf-8', 'strange characters', 'garbled', 'mojibake', 'decode'],
  ['integer division', 'returns 0', 'shows zero', 'rounds to zero'],
  ['test', 'tests', 'check', 'checks', 'validate', 'validation', 'expectations', 'assert'],
  ['alert', 'alerts', 'alerting', 'notify', 'notified', 'on-call', 'pagerduty', 'noticed', 'incident'],
  ['alert fatigue', 'fatigue', 'flood', 'flooding', 'flooded', 'noisy alerts', 'noise', 'too many alerts', 'alert storm'],
  // Databases and warehouses
  ['replica', 'read replica', 'read-only', 'reporting queries', 'heavy reads', 'analytics queries', 'reporting connection'],
  ['bloat', 'bloated', 'vacuum', 'dead tuples', 'autovacuum', 'pg_repack'],
  ['lock', 'locked', 'locks', 'blocking', 'blocked', 'downtime', 'without downtime'],
  ['auto-suspend', 'suspend', 'idle', 'asleep', 'go to sleep', 'going to sleep', 'awake', 'keeps running'],
  ['warehouse size', 'downsize', 'downsized', 'resize', 'scale up', 'scale down', 'xs', 'xl'],
  ['scan', 'scans', 'scanned', 'bytes scanned', 'full scan', 'select *'],
  ['connection', 'connections', 'connection pool', 'pooling', 'pgbouncer'],
  ['full refresh', 'rebuild', 'rebuilt', 'rebuilding', 'from scratch'],
  ['incremental', 'incrementally', 'only new rows', 'watermark', 'lookback'],
  // Privacy and access
  ['gdpr', 'erasure', 'right to be forgotten', 'forget', 'privacy request', 'delete their data'],
  ['pii', 'personal data', 'email', 'emails', 'phone', 'mask', 'masking', 'masked', 'sensitive', 'unmasked'],
  ['clone', 'copy of production', 'dev copy', 'sandbox', 'zero-copy'],
  ['test mode', 'sandbox', 'test account', 'test keys'],
  ['secret', 'secrets', 'credentials', 'password', 'api key', 'service account key'],
  ['retention', 'expire', 'purge', 'delete old', 'lifecycle', 'ttl', 'older than', 'how long do we keep', 'how long we keep', 'kept for', 'old files', 'old data', 'archive', 'glacier', 'cold storage'],
  // Places
  ['eu', 'europe', 'european'],
  ['us', 'usa', 'american', 'united states'],
  // Analytics
  ['dashboard', 'dashboards', 'bi', 'report', 'reports', 'looker', 'chart'],
  ['training set', 'training data', 'features', 'label', 'leakage'],
  ['leakage', 'target leakage', 'data leakage', 'saw the future', 'future data', 'after the prediction date'],
  ['bot', 'bots', 'robot', 'robots', 'crawler', 'crawlers', 'is_bot', 'spider', 'fake traffic'],
  ['driver', 'collect', 'pulling all rows back', 'pull all rows', 'to the driver'],
];
