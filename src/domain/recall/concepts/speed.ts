import type { ConceptArea } from './concept-area.js';

export const SPEED: ConceptArea = {
  area: 'Performance, slowness, latency',
  synonyms: [
    ['slow', 'slower', 'slowly', 'slowness', 'takes forever', 'takes ages', 'take ages', 'takes long', 'takes hours', 'long time', 'long-running', 'sluggish', 'crawling', 'faster', 'speed up', 'sped up', 'latency', 'runtime', 'duration', 'performance', 'perf', 'quick', 'quicker', 'slow down', 'slowed down', 'bottleneck', 'bogged down', 'choking', 'chokes', 'grinds to a halt', 'too slow', 'snappy', 'responsive'],
    ['throughput', 'rows per second', 'events per second', 'messages per second', 'records per second', 'bandwidth'],
    ['parse', 'parsing', 'parse time', 'load time', 'takes forever to load', 'top-level code', 'import time', 'dag processing', 'dag parsing', 'dagbag'],
    ['skew', 'skewed', 'data skew', 'hot key', 'hot keys', 'hot partition', 'straggler', 'stragglers', 'takes much longer than the others', 'uneven', 'salting', 'salt'],
    ['small files', 'tiny files', 'many files', 'lots of files', 'tiny objects', 'too many objects', 'too many files', 'compaction', 'compact', 'coalesce', 'file count'],
    ['file size', 'output files', 'files of', 'what size', 'target file size', 'file sizes'],
    ['cache', 'caching', 'cached', 'result cache', 'memoize', 'materialize', 'materialized', 'persist'],
    ['index', 'indexes', 'indices', 'indexed', 'btree', 'b-tree', 'covering index', 'missing index', 'seq scan', 'sequential scan'],
    ['query plan', 'explain', 'explain analyze', 'execution plan', 'query profile', 'profile', 'profiling'],
    ['shuffle', 'shuffles', 'exchange', 'repartition', 'spark.sql.shuffle.partitions', 'shuffle partitions'],
    ['broadcast', 'broadcast join', 'map-side join', 'autobroadcastjointhreshold'],
    ['parallel', 'parallelism', 'concurrency', 'in parallel', 'threads', 'workers', 'max_active_runs', 'pool slots'],
    ['batch size', 'batching', 'chunk', 'chunks', 'chunked', 'chunksize', 'bulk', 'bulk insert', 'copy into', 'executemany'],
  ],
  related: [
    ['slow', 'index', 'explain', 'query plan', 'partition pruning', 'clustering'],
    ['skew', 'aqe', 'adaptive query execution', 'repartition', 'join'],
    ['small files', 'partitions', 'compaction', 'optimize', 'vacuum', 'parquet', 'row groups'],
    ['cache', 'ttl', 'invalidate', 'stale'],
    ['latency', 'p95', 'p99', 'percentile', 'response time'],
  ],
};
