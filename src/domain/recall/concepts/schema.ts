import type { ConceptArea } from './concept-area.js';

export const SCHEMA: ConceptArea = {
  area: 'Schemas, migrations, types, contracts',
  synonyms: [
    ['schema change', 'schema changes', 'schema drift', 'schema evolution', 'column type', 'changed a column', 'column changed', 'breaking change', 'breaking changes', 'renamed', 'renamed column', 'new column', 'new columns', 'added column', 'dropped column', 'new fields', 'mergeschema', 'on_schema_change', 'schema mismatch', 'columns changed', 'upstream changed', 'added a field', 'field renamed', 'removed a field', 'new attribute', 'new attributes'],
    ['migration', 'migrations', 'migrate', 'migrating', 'alter table', 'ddl', 'schema migration', 'flyway', 'liquibase', 'alembic', 'upgrade the schema'],
    ['data type', 'data types', 'column types', 'cast', 'casting', 'casts', 'type mismatch', 'wrong type', 'varchar', 'bigint', 'type conversion'],
    ['null', 'nulls', 'nullable', 'not null', 'missing values', 'empty values', 'blank', 'blanks', 'empty string', 'empty strings', 'nan', 'coalesce', 'is null'],
    ['data contract', 'data contracts', 'contract', 'schema contract', 'agreed schema', 'producer contract'],
    ['primary key', 'primary keys', 'unique key', 'unique keys', 'natural key', 'surrogate key', 'composite key', 'grain', 'one row per'],
    ['foreign key', 'foreign keys', 'referential integrity', 'orphan', 'orphans', 'orphaned rows'],
    ['json column', 'jsonb', 'variant', 'semi-structured', 'struct', 'map column', 'super type', 'array column'],
    ['default value', 'default values', 'server default', 'column default'],
    ['enum', 'enums', 'allowed values', 'accepted values', 'status values', 'lookup table'],
  ],
  related: [
    ['schema change', 'alter table', 'downtime', 'lock', 'backfill', 'default value'],
    ['migration', 'rollback', 'expand and contract', 'backwards compatible', 'deploy'],
    ['slowly changing dimension', 'scd', 'scd2', 'type 2', 'valid_from', 'valid_to', 'snapshot', 'dbt snapshot', 'history table'],
    ['dimension', 'dimensions', 'fact table', 'facts', 'star schema', 'dimensional model', 'kimball'],
    ['normalize', 'normalized', 'denormalize', 'denormalized', 'wide table', 'one big table'],
  ],
};
