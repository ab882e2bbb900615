import type pg from 'pg';
import type { Project } from '../../project.js';
import type { StoreSummary } from '../list-stores.js';
import type { MemoryStorePort, StoreEngine } from '../store-port.js';
import { CONNECT_TIMEOUT_MS, type PostgresOptions, databaseFailure, displayUrl, withoutPassword } from './connection.js';
import { SCHEMA, migrate } from './migrations.js';
import { PostgresStore, type PostgresDatabase } from './postgres-store.js';

/** One channel for every project: the payload is the project key. */
const CHANNEL = 'data_engineer_memory';
/** A dropped listening connection is opened again after this long, while anyone still watches. */
const RELISTEN_MS = 2_000;

/** node-postgres, passed in: the CLI loads it only for a PostgreSQL store, so the JSON default never pays for it. */
export type PostgresDriver = Pick<typeof pg, 'Pool' | 'Client'>;

/**
 * Every project's store in one PostgreSQL database. One pool for queries; one more connection,
 * opened on the first watch, LISTENs for commits so that a change by any server reaches this
 * server's memory:// subscribers.
 */
export class PostgresEngine implements StoreEngine {
  readonly kind = 'postgres';
  readonly location: string;
  private pool: pg.Pool | undefined;
  private driver: PostgresDriver | undefined;
  private readonly stores = new Map<string, PostgresStore>();
  private migrated: Promise<number> | undefined;
  private readonly watchers = new Map<string, Set<{ onChange: () => void; onError: (error: Error) => void }>>();
  private listener: pg.Client | undefined;
  private relisten: NodeJS.Timeout | undefined;
  private closed = false;

  /** `driver` may be a loader: the CLI imports node-postgres only when a PostgreSQL store is used. */
  constructor(
    private readonly loadDriver: PostgresDriver | (() => Promise<PostgresDriver>),
    private readonly options: PostgresOptions,
    private readonly warn: (message: string) => void = () => {},
  ) {
    this.location = displayUrl(options.url);
  }

  open(project: Project): MemoryStorePort {
    let store = this.stores.get(project.key);
    if (!store) {
      store = new PostgresStore(this.database(), project, `${this.location}#${project.key}`);
      this.stores.set(project.key, store);
    }
    return store;
  }

  async list(): Promise<StoreSummary[]> {
    await this.ready();
    try {
      const { rows } = await this.connections().query<{ key: string; name: string; root: string; count: string }>(
        `SELECT p.key, p.name, p.root, count(m.id) FILTER (WHERE m.archived_at IS NULL) AS count
         FROM ${SCHEMA}.projects p LEFT JOIN ${SCHEMA}.memories m ON m.project = p.key GROUP BY p.key ORDER BY p.key`,
      );
      return rows.map((row) => ({ key: row.key, name: row.name, root: row.root, count: Number(row.count) }));
    } catch (error) {
      throw databaseFailure(this.options.url, 'list projects', error);
    }
  }

  async close(drainMs = 1_500): Promise<void> {
    this.closed = true;
    clearTimeout(this.relisten);
    const drained = Promise.all([...this.stores.values()].map((store) => store.drained()));
    await Promise.race([drained, new Promise((done) => setTimeout(done, drainMs).unref())]);
    await this.listener?.end().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }

  private ready(): Promise<number> {
    this.migrated ??= (async () => {
      this.driver ??= typeof this.loadDriver === 'function' ? await this.loadDriver() : this.loadDriver;
      if (!this.pool) {
        this.pool = new this.driver.Pool(this.clientConfig(this.options.poolSize));
        // An idle connection the server dropped reports here; unhandled, it would end the process.
        this.pool.on('error', (error) => this.warn(withoutPassword(this.options.url, `PostgreSQL connection lost: ${error.message}`)));
      }
      const client = await this.pool.connect();
      let schemaVersion: number;
      try {
        schemaVersion = await migrate(client);
      } finally {
        client.release();
      }
      // Listening before the first request is served: a subscriber then hears every commit made
      // after its subscribe was answered, not only those after a connection came up.
      await this.startListening();
      return schemaVersion;
    })().catch((error: unknown) => {
      this.migrated = undefined;
      throw databaseFailure(this.options.url, 'prepare the schema', error);
    });
    return this.migrated;
  }

  /** The pool; there once ready() resolved, which every use awaits first. */
  private connections(): pg.Pool {
    if (!this.pool) throw new Error('PostgresEngine used before ready()');
    return this.pool;
  }

  private database(): PostgresDatabase {
    const connections = () => this.connections();
    return {
      get pool() {
        return connections();
      },
      url: this.options.url,
      channel: CHANNEL,
      ready: () => this.ready(),
      listen: (key, onChange, onError) => this.listen(key, onChange, onError),
    };
  }

  private listen(key: string, onChange: () => void, onError: (error: Error) => void): () => void {
    const watcher = { onChange, onError };
    let forKey = this.watchers.get(key);
    if (!forKey) this.watchers.set(key, (forKey = new Set()));
    forKey.add(watcher);
    return () => {
      forKey.delete(watcher);
      if (forKey.size === 0) this.watchers.delete(key);
    };
  }

  private async startListening(): Promise<void> {
    if (this.closed || !this.driver) return;
    const client = new this.driver.Client(this.clientConfig());
    this.listener = client;
    const lost = (error: Error) => {
      if (this.listener !== client || this.closed) return;
      this.listener = undefined;
      const message = withoutPassword(this.options.url, error.message);
      for (const set of this.watchers.values()) for (const watcher of set) watcher.onError(new Error(`lost the PostgreSQL change feed (${message}); retrying`));
      void client.end().catch(() => undefined);
      this.relisten = setTimeout(() => {
        if (!this.closed) void this.startListening().then(() => this.tellAll());
      }, RELISTEN_MS);
      this.relisten.unref();
    };
    client.on('error', lost);
    client.on('notification', (message) => {
      for (const watcher of this.watchers.get(message.payload ?? '') ?? []) watcher.onChange();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost(error as Error);
    }
  }

  /** After the feed was down, anything may have changed: every watcher looks again. */
  private tellAll(): void {
    for (const set of this.watchers.values()) for (const watcher of set) watcher.onChange();
  }

  private clientConfig(max?: number): pg.PoolConfig {
    return {
      connectionString: this.options.url,
      statement_timeout: this.options.statementTimeoutMs,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'data-engineer-mcp',
      ...(max === undefined ? {} : { max }),
    };
  }
}
