import type { ConceptArea } from './concept-area.js';

export const QUALITY: ConceptArea = {
  area: 'Data quality, tests, freshness, observability, lineage',
  synonyms: [
    ['test', 'tests', 'testing', 'check', 'checks', 'validate', 'validation', 'validations', 'expectations', 'great expectations', 'assert', 'assertion', 'assertions', 'data quality', 'quality checks', 'dq', 'soda', 'sanity check', 'sanity checks'],
    ['freshness', 'fresh', 'stale', 'staleness', 'late data', 'out of date', 'up to date', 'outdated', 'not updated', 'last updated', 'last loaded', 'loaded_at', 'hasn\'t updated', 'old data on the dashboard'],
    ['row count', 'row counts', 'count rows', 'number of rows', 'volume check', 'rows dropped', 'row count mismatch', 'counts do not match', 'numbers do not match', 'numbers don\'t match', 'mismatch', 'mismatched', 'discrepancy', 'discrepancies', 'reconcile', 'reconciliation', 'reconciled', 'tie out'],
    ['anomaly', 'anomalies', 'outlier', 'outliers', 'spike', 'spikes', 'drop-off', 'sudden drop', 'unexpected values', 'weird numbers', 'looks wrong'],
    ['monitoring', 'monitor', 'monitors', 'observability', 'pipeline health', 'health check', 'health checks'],
    ['alert', 'alerts', 'alerting', 'notify', 'notified', 'notification', 'notifications', 'on-call', 'oncall', 'pagerduty', 'opsgenie', 'noticed', 'incident', 'incidents', 'page someone', 'paged', 'slack alert', 'warn', 'warning'],
    ['alert fatigue', 'fatigue', 'flood', 'flooding', 'flooded', 'noisy alerts', 'noisy', 'noise', 'too many alerts', 'alert storm', 'spam', 'spammed'],
    ['log', 'logs', 'logging', 'logged', 'log file', 'log files', 'log line', 'structured logging'],
    ['audit', 'audit log', 'audit trail', 'audited', 'auditable', 'auditing', 'run log', 'run history', 'run metadata', 'track runs', 'audit table', 'load history'],
    ['lineage', 'data lineage', 'upstream', 'downstream', 'impact analysis', 'where does this come from', 'who uses', 'openlineage', 'depends on this table'],
    ['source of truth', 'single source of truth', 'golden', 'canonical', 'master data', 'authoritative'],
    ['unit test', 'unit tests', 'pytest', 'fixtures', 'mock', 'mocks', 'ci', 'continuous integration', 'github actions', 'pre-commit', 'test suite'],
    ['integer division', 'returns 0', 'shows zero', 'rounds to zero', 'always zero', 'percentage is zero'],
    ['rounding', 'rounding errors', 'rounded', 'round', 'floating point', 'float', 'floats', 'decimal', 'decimals', 'precision', 'numeric', 'off by a cent'],
    ['sum', 'add up', 'adding up', 'adds up', 'total', 'totals', 'summed', 'summing', 'aggregate', 'aggregates', 'aggregation'],
  ],
  related: [
    ['dbt test', 'dbt tests', 'unique', 'not_null', 'relationships', 'accepted_values', 'severity'],
    ['freshness', 'dbt source freshness', 'sla', 'loaded_at_field', 'warn_after', 'error_after'],
    ['alert', 'slack', 'email', 'threshold', 'severity', 'runbook'],
    ['audit', 'run id', 'row counts', 'status', 'started_at', 'finished_at'],
    ['rounding', 'decimal', 'numeric', 'money', 'cents', 'integer cents'],
  ],
  kinds: [
    ['monitoring', 'datadog', 'prometheus', 'grafana', 'cloudwatch', 'monte carlo', 'new relic', 'sentry'],
    ['data quality', 'great expectations', 'soda', 'dbt tests', 'deequ', 'elementary'],
  ],
};
