import type pg from 'pg';
import { CONNECT_TIMEOUT_MS, type PostgresOptions, databaseFailure, withoutPassword } from './connection.js';
import { MIGRATION_LOCK, SCHEMA } from './migrations.js';
import { inTransaction } from './transaction.js';
import type { PostgresDriver } from './postgres-engine.js';

/** A key's count in the window it is in, and when that window ends. */
export interface WindowCount {
  hits: number;
  resetAt: Date;
}

const TABLE = `${SCHEMA}.request_counts`;
/** Counting is a few short statements a second; memory calls keep the engine's own pool. */
const POOL_SIZE = 2;

/**
 * Requests counted per key in fixed windows, in the database every replica shares: a token's
 * limit is then one limit however many replicas its requests are spread over. One row per key,
 * reset in place when its window has passed, so the table holds one row per token name.
 * Windows run on the database's clock, the one clock all replicas agree on.
 *
 * The table is made with CREATE ... IF NOT EXISTS under the migration lock rather than as a
 * versioned migration: it holds no memories, and a new schema version would turn every replica
 * still on the previous release read-only (migrations.ts) for the sake of a counter.
 */
export class PostgresRequestCounter {
  private pool: pg.Pool | undefined;
  private prepared: Promise<pg.Pool> | undefined;

  constructor(
    private readonly loadDriver: PostgresDriver | (() => Promise<PostgresDriver>),
    private readonly options: PostgresOptions,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  /** Counts one request for `key`; a window of `windowMs` starts with the first request after the last one ended. */
  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const pool = await this.ready();
    try {
      const { rows } = await pool.query<{ hits: number; window_ends: Date }>(
        `INSERT INTO ${TABLE} AS c (key, window_ends, hits) VALUES ($1, now() + $2 * interval '1 millisecond', 1)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN c.window_ends > now() THEN c.hits + 1 ELSE 1 END,
           window_ends = CASE WHEN c.window_ends > now() THEN c.window_ends ELSE EXCLUDED.window_ends END
         RETURNING hits, window_ends`,
        [key, windowMs],
      );
      return { hits: rows[0]!.hits, resetAt: rows[0]!.window_ends };
    } catch (error) {
      throw databaseFailure(this.options.url, 'count a request', error);
    }
  }

  /** Takes back one counted request (one that is not to count after all). */
  async undo(key: string): Promise<void> {
    const pool = await this.ready();
    await pool.query(`UPDATE ${TABLE} SET hits = greatest(hits - 1, 0) WHERE key = $1 AND window_ends > now()`, [key]);
  }

  async reset(key: string): Promise<void> {
    const pool = await this.ready();
    await pool.query(`DELETE FROM ${TABLE} WHERE key = $1`, [key]);
  }

  async close(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }

  private ready(): Promise<pg.Pool> {
    this.prepared ??= (async () => {
      const driver = typeof this.loadDriver === 'function' ? await this.loadDriver() : this.loadDriver;
      if (!this.pool) {
        this.pool = new driver.Pool({
          connectionString: this.options.url,
          statement_timeout: this.options.statementTimeoutMs,
          connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          application_name: 'data-engineer-mcp rate limit',
          max: POOL_SIZE,
        });
        // An idle connection the server dropped reports here; unhandled, it would end the process.
        this.pool.on('error', (error) => this.warn(withoutPassword(this.options.url, `PostgreSQL connection of the rate limit lost: ${error.message}`)));
      }
      const client = await this.pool.connect();
      try {
        await inTransaction(client, async () => {
          // Two replicas starting at once: CREATE ... IF NOT EXISTS alone can still collide in the catalog.
          await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
          await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (key text PRIMARY KEY, window_ends timestamptz NOT NULL, hits integer NOT NULL)`);
        });
      } finally {
        client.release();
      }
      return this.pool;
    })().catch((error: unknown) => {
      this.prepared = undefined;
      throw databaseFailure(this.options.url, 'prepare the request counts', error);
    });
    return this.prepared;
  }
}
