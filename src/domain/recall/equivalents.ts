/**
 * Products that only one vendor makes, each also written with the vendor's name before it ("Amazon
 * MWAA", "AWS MWAA"). Only such names: "Google Ads" and "Microsoft Ads" are two things, so a
 * vendor word is never dropped before a name another vendor could share.
 */
const VENDOR_PRODUCTS: Readonly<Record<string, readonly string[]>> = {
  'amazon|aws': ['mwaa', 's3', 'redshift', 'kinesis', 'emr', 'athena', 'msk', 'rds', 'aurora', 'sqs', 'sns', 'ec2', 'eks', 'ecs', 'glue',
    'cloudwatch', 'quicksight', 'sagemaker', 'dms', 'lake formation'],
  google: ['dataflow', 'dataproc', 'looker', 'gke', 'vertex ai', 'cloud composer', 'looker studio', 'dataform'],
  apache: ['hudi', 'beam', 'parquet', 'avro', 'arrow', 'druid', 'pinot', 'superset', 'nifi', 'hive', 'cassandra', 'pulsar', 'zookeeper', 'hadoop'],
  'microsoft|azure': ['synapse', 'power bi', 'data factory', 'fabric'],
};

function vendorPrefixes(): string[][] {
  return Object.entries(VENDOR_PRODUCTS).flatMap(([vendors, products]) =>
    products.map((product) => [product, ...vendors.split('|').map((vendor) => `${vendor} ${product}`)]));
}

/**
 * Spellings that say exactly the same thing, each line one canonical form first and its
 * variants after. Two memories that differ only by these are one fact (near-duplicates), and a
 * query in one spelling finds a memory in another. Only true equivalents belong here: a pair that
 * is merely related (cost / credits, lag / backlog) goes in the concept table (concepts/), which
 * widens recall but never merges memories. Review rule: if "A" and "B" could ever be two different facts, it is not
 * an equivalent.
 */
export const EQUIVALENTS: readonly (readonly string[])[] = [
  // Quantifiers that read the same in a one-line rule.
  ['every', 'each', 'all'],
  // Frequencies.
  ['daily', 'by day', 'per day', 'every day', 'each day', 'once a day'],
  ['hourly', 'by hour', 'per hour', 'every hour', 'each hour', 'once an hour'],
  ['weekly', 'by week', 'per week', 'every week', 'each week', 'once a week'],
  ['monthly', 'by month', 'per month', 'every month', 'each month', 'once a month'],
  // Products and their short names.
  ['postgres', 'postgresql', 'pg'],
  ['kubernetes', 'k8s'],
  ['bigquery', 'bq', 'google bigquery'],
  ['spark', 'apache spark'],
  ['kafka', 'apache kafka'],
  ['airflow', 'apache airflow'],
  ['iceberg', 'apache iceberg'],
  ['flink', 'apache flink'],
  ['gcs', 'google cloud storage'],
  ['sql server', 'mssql', 'ms sql'],
  ['elasticsearch', 'elastic search'],
  ['dynamodb', 'dynamo db', 'dynamo'],
  // Words with several spellings.
  ['dedup', 'dedupe', 'deduplicate', 'deduplication', 'de-dupe', 'de-duplicate', 'deduping'],
  ['backoff', 'back off', 'back-off'],
  ['realtime', 'real time', 'real-time'],
  ['timestamp', 'time stamp'],
  ['timezone', 'time zone'],
  ['dataset', 'data set'],
  ['database', 'db'],
  ['production', 'prod'],
  ['environment variable', 'env var', 'environment var', 'envvar'],
  ['repository', 'repo'],
  ['config', 'configuration'],
  ['upsert', 'up-sert'],
  ['e-mail', 'email'],
  ['rerun', 're-run'],
  // A noun and the verb it names, where nothing else is meant: "after account closure" / "after the account closes".
  ['close', 'closure'],
  ['fail', 'failure'],
  // "up" adds nothing after these verbs (it does after others: "scale up", "round up", "up to").
  ['free', 'free up'],
  ...vendorPrefixes(),
];
