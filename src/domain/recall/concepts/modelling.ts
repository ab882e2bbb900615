import type { ConceptArea } from './concept-area.js';

export const MODELLING: ConceptArea = {
  area: 'Transformation and modelling: dbt, incremental loads, full refreshes',
  synonyms: [
    ['full refresh', 'full-refresh', 'rebuild', 'rebuilt', 'rebuilding', 'from scratch', 'reload everything', 'drop and recreate', 'truncate and reload', 'full reload', 'reload the whole table'],
    ['incremental', 'incrementally', 'incremental model', 'is_incremental', 'only new rows', 'new rows only', 'watermark', 'high watermark', 'high-water mark', 'lookback', 'lookback window', 'since last run', 'delta load', 'append only', 'append-only'],
    ['model', 'models', 'dbt model', 'dbt models', 'transformation', 'transformations', 'transform', 'sql model'],
    ['staging', 'staging models', 'stg', 'intermediate', 'marts', 'mart', 'layers', 'bronze', 'silver', 'gold', 'medallion', 'raw layer'],
    ['materialization', 'materialized', 'materialize', 'table materialization', 'ephemeral', 'incremental_strategy', 'insert_overwrite', 'delete+insert'],
    ['macro', 'macros', 'jinja', 'dbt macro', 'dbt_utils'],
    ['seed', 'seeds', 'dbt seed', 'csv seed', 'static mapping', 'mapping table'],
    ['dbt source', 'dbt sources', 'sources.yml', 'source()', 'source table', 'raw table', 'raw tables', 'landing', 'landing zone'],
    ['exposure', 'exposures', 'downstream consumers', 'who depends on'],
    ['slim ci', 'state:modified', 'defer', 'manifest.json', 'modified models', 'changed models only'],
    ['elt', 'etl', 'load then transform', 'transform in the warehouse'],
  ],
  related: [
    ['dbt', 'models', 'ref', 'tests', 'snapshots', 'macros', 'seeds', 'sources'],
    ['incremental', 'unique_key', 'merge', 'late-arriving', 'is_incremental', 'full refresh'],
    ['full refresh', 'schema change', 'backfill', 'cost'],
  ],
};
