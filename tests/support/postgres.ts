import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { PostgresEngine } from '../../src/domain/store/postgres/postgres-engine.js';
import { POOL_SIZE_DEFAULT, STATEMENT_TIMEOUT_MS_DEFAULT } from '../../src/domain/store/postgres/connection.js';

/** A new, empty database on the test run's cluster (postgres-cluster.ts); returns its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = new URL(inject('postgresAdminUrl'));
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** The password of the test cluster, which must never be shown. */
export const clusterPassword = (): string => new URL(inject('postgresAdminUrl')).password;

export function postgresEngine(url: string, warn?: (message: string) => void, options: { poolSize?: number; statementTimeoutMs?: number } = {}): PostgresEngine {
  return new PostgresEngine(pg, { url, poolSize: options.poolSize ?? POOL_SIZE_DEFAULT, statementTimeoutMs: options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS_DEFAULT }, warn);
}

/** A query straight to the database, bypassing the engine: what a test checks the engine against. */
export async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
