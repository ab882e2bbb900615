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
];
