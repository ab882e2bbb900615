import type { PoolClient } from 'pg';
import { inTransaction } from './transaction.js';

/** Everything of ours lives in one schema, so a shared database's other tables are never touched. */
export const SCHEMA = 'data_engineer';
/** Any fixed number: pg_advisory_xact_lock keys are global to the database, so this one is ours. */
export const MIGRATION_LOCK = 0x6d656d6f; // "memo"

/**
 * Versioned, append-only: a released migration is never edited, a change is a new entry. Each
 * runs in the transaction that records it, so a server killed half-way leaves no half schema.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE ${SCHEMA}.projects (
     key text PRIMARY KEY,
     name text NOT NULL,
     root text NOT NULL,
     -- Bumped by every committed change: a reader that saw version n asks for rows past n.
     version bigint NOT NULL DEFAULT 0,
     -- The highest ord handed out: a memory changed at the end of the order gets the next one.
     max_ord bigint NOT NULL DEFAULT 0
   );
   CREATE TABLE ${SCHEMA}.memories (
     project text NOT NULL REFERENCES ${SCHEMA}.projects (key) ON DELETE CASCADE,
     id text NOT NULL,
     agent text NOT NULL,
     type text NOT NULL,
     content text NOT NULL,
     created_at text NOT NULL,
     updated_at text NOT NULL,
     archived_at text,
     -- Fields a person or a newer tool added to a memory: kept as they came.
     extra jsonb,
     -- The service keeps memories in order of last change (the archive cap takes the oldest).
     ord bigint NOT NULL,
     -- The project version that last wrote this row.
     version bigint NOT NULL,
     PRIMARY KEY (project, id)
   );
   CREATE INDEX memories_by_version ON ${SCHEMA}.memories (project, version);
   CREATE TABLE ${SCHEMA}.removals (
     project text NOT NULL REFERENCES ${SCHEMA}.projects (key) ON DELETE CASCADE,
     id text NOT NULL,
     version bigint NOT NULL
   );
   CREATE INDEX removals_by_version ON ${SCHEMA}.removals (project, version);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the schema up to date. Several servers starting at once all call this: the advisory
 * lock makes them take turns, and each one applies only what the one before it did not.
 * Returns the database's schema version, which may be newer than ours (then we never write).
 */
export async function migrate(client: PoolClient): Promise<number> {
  return inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${SCHEMA}.migrations`);
    const current = rows[0]?.version ?? 0;
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query(`INSERT INTO ${SCHEMA}.migrations (version) VALUES ($1)`, [version]);
    }
    return Math.max(current, MIGRATIONS.length);
  });
}
