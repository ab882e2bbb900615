import type { ConceptArea } from './concept-area.js';

export const WAREHOUSES: ConceptArea = {
  area: 'Warehouses and engines: Snowflake, BigQuery, Redshift, Databricks, Spark',
  synonyms: [
    ['warehouse', 'warehouses', 'data warehouse', 'dwh', 'edw', 'analytics database'],
    ['virtual warehouse', 'compute warehouse', 'warehouse_size', 'multi-cluster warehouse'],
    ['query history', 'query_history', 'account_usage', 'information_schema.jobs', 'jobs_by_project', 'system tables', 'stl_query', 'sys_query_history', 'query log'],
    ['wlm', 'workload management', 'query queue', 'queues', 'concurrency scaling', 'short query acceleration'],
    ['slots', 'slot', 'slot usage', 'slot contention', 'reservation slots'],
    ['stage', 'stages', 'external stage', 'snowpipe', 'pipe', 'auto-ingest', 'storage integration'],
    ['snowflake stream', 'streams and tasks', 'snowflake task', 'snowflake tasks', 'dynamic table', 'dynamic tables'],
    ['external table', 'external tables', 'spectrum', 'redshift spectrum', 'biglake', 'federated query', 'query files in place'],
    ['unload', 'unloading', 'export to s3', 'export data', 'extract to files', 'copy into location', 'export'],
    ['driver', 'spark driver', 'collect', 'collect()', 'topandas', 'pulling all rows back', 'pull all rows', 'to the driver', 'bring results back', 'results back to python', 'take()', 'maxresultsize'],
    ['executor', 'executors', 'spark executor', 'spark executors', 'worker nodes', 'cores per executor'],
    ['spark job', 'spark jobs', 'spark application', 'spark-submit', 'pyspark', 'spark sql'],
    ['aqe', 'adaptive query execution', 'spark.sql.adaptive.enabled', 'skew join', 'coalesce partitions'],
    ['job cluster', 'all-purpose cluster', 'interactive cluster', 'serverless', 'sql warehouse', 'cluster policy'],
    ['photon', 'vectorized', 'native engine'],
    ['udf', 'python udf', 'pandas udf', 'scala udf'],
  ],
  related: [
    ['snowflake', 'credits', 'warehouse', 'auto-suspend', 'resource monitor', 'clustering key', 'time travel', 'zero-copy clone'],
    ['bigquery', 'slots', 'bytes billed', 'partitioned table', 'clustered table', 'require_partition_filter', 'dry run'],
    ['redshift', 'sort key', 'distkey', 'wlm', 'vacuum', 'analyze', 'spectrum', 'concurrency scaling'],
    ['databricks', 'dbu', 'delta lake', 'unity catalog', 'job cluster', 'photon', 'autoloader'],
    ['spark', 'executor', 'driver', 'shuffle', 'broadcast', 'aqe'],
    ['emr', 'spark', 'yarn', 'spot instances', 'cluster'],
    ['athena', 'presto', 'trino', 'glue', 'bytes scanned'],
  ],
  kinds: [
    ['warehouse', 'snowflake', 'bigquery', 'redshift', 'databricks', 'synapse', 'clickhouse', 'duckdb'],
    ['query engine', 'spark', 'trino', 'presto', 'athena', 'flink', 'duckdb'],
  ],
};
