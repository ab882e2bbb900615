import type { ConceptArea } from './concept-area.js';

export const LAYOUT: ConceptArea = {
  area: 'Partitioning, clustering, files, formats, table formats',
  synonyms: [
    ['partition', 'partitions', 'partitioned', 'partitioning', 'partition by', 'partition column', 'date partition', 'daily partitions', 'hive partitions', 'partition key'],
    ['partition pruning', 'pruning', 'pruned', 'partition filter', 'require_partition_filter', 'prune', 'skip partitions', 'scans every partition'],
    ['cluster', 'clustered', 'clustering', 'cluster by', 'clustering key', 'clustering keys', 'sort key', 'sortkey', 'sort keys', 'z-order', 'zorder', 'liquid clustering', 'sorted'],
    ['distribution key', 'distkey', 'dist key', 'diststyle', 'distribution style', 'distributed by'],
    ['scan', 'scans', 'scanned', 'bytes scanned', 'bytes processed', 'full scan', 'full table scan', 'table scan', 'select *', 'reads everything', 'reads the whole table'],
    ['parquet', 'parquet files', 'columnar', 'columnar format', 'orc'],
    ['csv', 'csvs', 'csv files', 'comma-separated', 'delimited', 'delimiter', 'tsv', 'flat file', 'flat files', 'quoted', 'quote character', 'header row'],
    ['json files', 'jsonl', 'ndjson', 'json lines', 'newline-delimited json'],
    ['compression', 'compressed', 'gzip', 'gzipped', 'snappy', 'zstd', 'lz4', 'compress', '.gz'],
    ['table format', 'table formats', 'open table format', 'lakehouse format'],
    ['manifest', 'manifests', 'metadata files', 'snapshots', 'expire snapshots', 'expire_snapshots', 'orphan files', 'remove orphan files'],
    ['time travel', 'previous version', 'older version', 'version of the table', 'undrop', 'restore table', 'point-in-time', 'point in time'],
    ['object storage', 'object store', 'blob storage', 'bucket', 'buckets', 'data lake', 'lake', 'cloud storage'],
    ['prefix', 'prefixes', 'folder', 'folders', 'path', 'paths', 'key prefix', 'directory', 'directories'],
    ['encoding', 'latin-1', 'latin1', 'iso-8859-1', 'utf-8', 'utf8', 'cp1252', 'windows-1252', 'strange characters', 'weird characters', 'garbled', 'mojibake', 'decode', 'unicodedecodeerror', 'bom', 'byte order mark'],
    ['excel', 'xlsx', 'spreadsheet', 'spreadsheets', 'google sheets', 'sheet'],
    ['catalog', 'glue catalog', 'hive metastore', 'metastore', 'unity catalog', 'data catalog', 'msck repair', 'add partition', 'partition projection', 'repair table'],
  ],
  related: [
    ['partition', 'partition pruning', 'clustering', 'date column', 'filter'],
    ['athena', 'glue', 'partition projection', 'msck repair', 'presto', 'trino'],
    ['iceberg', 'snapshots', 'manifests', 'compaction', 'catalog', 'commit conflicts'],
    ['delta lake', 'optimize', 'vacuum', 'z-order', 'merge'],
    ['s3', 'lifecycle', 'prefix', 'multipart', 'list objects', 'eventual consistency'],
    ['csv', 'encoding', 'delimiter', 'header', 'quote', 'escape'],
  ],
  kinds: [
    ['table format', 'iceberg', 'delta lake', 'hudi'],
    ['object storage', 's3', 'gcs', 'azure blob', 'adls', 'minio', 'r2'],
  ],
};
