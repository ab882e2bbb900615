import type { Pool, PoolClient } from 'pg';
import { MemoryError } from '../../errors.js';
import type { StoreData } from '../store-file.js';
import type { RecordsRepair, StoreFlaw } from '../store-records.js';
import type { ChangeOutcome, MemoryStorePort, StoreChange, StoreSnapshot } from '../store-port.js';
import { databaseFailure } from './connection.js';
import { MemoryMirror, type RowChanges } from './memory-mirror.js';
import { SCHEMA, SCHEMA_VERSION } from './migrations.js';
import { MEMORY_COLUMNS, type MemoryRow, memoryColumns } from './rows.js';
import { inTransaction } from './transaction.js';

/** The engine's side of a store: the pool, the schema, and who to tell about a commit. */
export interface PostgresDatabase {
  readonly pool: Pool;
  readonly url: string;
  readonly channel: string;
  /** Migrates once per engine; resolves to the database's schema version. */
  ready(): Promise<number>;
  /** The watch on this store's notifications; returns the unsubscribe. */
  listen(key: string, onChange: () => void, onError: (error: Error) => void): () => void;
}

interface Head {
  version: number;
  maxOrd: number;
}

/**
 * One project's memories in PostgreSQL, one row each. Every commit is one transaction that first
 * locks the project's row (`FOR UPDATE`): commits by any number of servers take turns, and each
 * runs its change on the data as the one before it left it, so the service's duplicate and cap
 * decisions hold across servers as they do across processes on one file. Between commits the
 * mirror catches up with the rows changed past its version, never the whole store.
 */
export class PostgresStore implements MemoryStorePort {
  private mirror: MemoryMirror | undefined;
  /** Reads and commits of this store in this process run one at a time: they share the mirror. */
  private queue: Promise<unknown> = Promise.resolve();
  private schemaVersion = SCHEMA_VERSION;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly project: { key: string; name: string; root: string },
    readonly location: string,
  ) {}

  async ready(): Promise<void> {
    this.schemaVersion = await this.db.ready();
  }

  get version(): number {
    return this.mirror?.version ?? 0;
  }

  get readOnlyBecauseNewer(): boolean {
    return this.schemaVersion > SCHEMA_VERSION;
  }

  /** Every row is validated as it is written, so none is ever left out. */
  readonly flaws: readonly StoreFlaw[] = [];

  async repairRecords(): Promise<RecordsRepair> {
    return { flaws: [], keptAt: undefined };
  }

  read(): Promise<StoreSnapshot> {
    return this.inTurn(async () => {
      await this.ready();
      try {
        const head = await this.head(this.db.pool);
        if (!this.mirror || head.version !== this.mirror.version) await this.catchUpInSnapshot();
      } catch (error) {
        throw databaseFailure(this.db.url, `read project ${this.project.key}`, error);
      }
      return this.mirror!.data;
    });
  }

  commit<R>(change: (data: StoreData) => ChangeOutcome<R>): Promise<R> {
    return this.inTurn(() => this.commitNow(change));
  }

  changesSince(version: number): readonly StoreChange[] | undefined {
    return this.mirror?.changesSince(version);
  }

  watch(onChange: () => void, onError: (error: Error) => void): () => void {
    return this.db.listen(this.project.key, onChange, onError);
  }

  /** Settles once every read and commit queued so far has. */
  async drained(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private inTurn<R>(run: () => Promise<R>): Promise<R> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async commitNow<R>(change: (data: StoreData) => ChangeOutcome<R>): Promise<R> {
    await this.ready();
    if (this.readOnlyBecauseNewer) {
      throw new MemoryError('store_too_new', `PostgreSQL store ${this.location} has schema version ${this.schemaVersion}, newer than this server understands (${SCHEMA_VERSION}). It was not changed: upgrade data-engineer-mcp to write to it.`);
    }
    let client: PoolClient | undefined;
    let changed = false;
    try {
      client = await this.db.pool.connect();
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${SCHEMA}.projects (key, name, root) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`, [this.project.key, this.project.name, this.project.root]);
      // The turn: held until COMMIT, so no other server commits to this project meanwhile.
      const head = await this.head(client, 'FOR UPDATE');
      if (!this.mirror || head.version !== this.mirror.version) await this.catchUp(client, head);
      const mirror = this.mirror!;
      let outcome: ChangeOutcome<R>;
      try {
        outcome = change(mirror.data);
      } catch (error) {
        // A refusal validates before it mutates; anything else may have left the data half-changed.
        changed = !(error instanceof MemoryError);
        throw error;
      }
      changed = outcome.write;
      const rows = outcome.write ? mirror.diff() : undefined;
      if (!rows || (rows.upserts.length === 0 && rows.removed.length === 0)) {
        await client.query('ROLLBACK');
        return outcome.result;
      }
      const version = head.version + 1;
      await this.write(client, version, rows);
      // Delivered to every listening server when (and only if) the transaction commits.
      await client.query('SELECT pg_notify($1, $2)', [this.db.channel, this.project.key]);
      await client.query('COMMIT');
      mirror.applyOwn(version, rows);
      return outcome.result;
    } catch (error) {
      await client?.query('ROLLBACK').catch(() => undefined);
      // Not committed (or not known to be): the mirror may hold the change, so it is dropped and
      // the next call reads the store whole.
      if (changed) this.mirror = undefined;
      throw databaseFailure(this.db.url, `write project ${this.project.key}`, error);
    } finally {
      client?.release();
    }
  }

  private async write(client: PoolClient, version: number, rows: RowChanges): Promise<void> {
    const key = this.project.key;
    if (rows.upserts.length > 0) {
      await client.query(
        `INSERT INTO ${SCHEMA}.memories (project, version, ${MEMORY_COLUMNS})
         SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::bigint[])
         ON CONFLICT (project, id) DO UPDATE SET version = excluded.version, agent = excluded.agent, type = excluded.type,
           content = excluded.content, created_at = excluded.created_at, updated_at = excluded.updated_at,
           archived_at = excluded.archived_at, extra = excluded.extra, ord = excluded.ord`,
        [key, version, ...memoryColumns(rows.upserts)],
      );
    }
    if (rows.removed.length > 0) {
      await client.query(`DELETE FROM ${SCHEMA}.memories WHERE project = $1 AND id = ANY($2::text[])`, [key, rows.removed]);
      await client.query(`INSERT INTO ${SCHEMA}.removals (project, id, version) SELECT $1, unnest($2::text[]), $3`, [key, rows.removed, version]);
    }
    await client.query(`UPDATE ${SCHEMA}.projects SET version = $2, max_ord = $3 WHERE key = $1`, [key, version, rows.maxOrd]);
  }

  private async head(client: Pool | PoolClient, lock = ''): Promise<Head> {
    const { rows } = await client.query<{ version: string; max_ord: string }>(`SELECT version, max_ord FROM ${SCHEMA}.projects WHERE key = $1 ${lock}`, [this.project.key]);
    return { version: Number(rows[0]?.version ?? 0), maxOrd: Number(rows[0]?.max_ord ?? 0) };
  }

  /** A lock-free catch-up: its statements see one snapshot, so the rows match the version read. */
  private async catchUpInSnapshot(): Promise<void> {
    const client = await this.db.pool.connect();
    try {
      await inTransaction(client, async () => this.catchUp(client, await this.head(client)), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    } finally {
      client.release();
    }
  }

  /** Brings the mirror to `head`: the rows changed past its version, or (the first time) every row. */
  private async catchUp(client: PoolClient, head: Head): Promise<void> {
    const key = this.project.key;
    const since = this.mirror?.version;
    const { rows } = await client.query<MemoryRow>(
      `SELECT ${MEMORY_COLUMNS} FROM ${SCHEMA}.memories WHERE project = $1 ${since === undefined ? '' : 'AND version > $2'} ORDER BY ord`,
      since === undefined ? [key] : [key, since],
    );
    if (since === undefined || !this.mirror) {
      this.mirror = new MemoryMirror(head.version, head.maxOrd, rows, { name: this.project.name, root: this.project.root });
      return;
    }
    const removed = await client.query<{ id: string }>(`SELECT id FROM ${SCHEMA}.removals WHERE project = $1 AND version > $2`, [key, since]);
    this.mirror.applyRemote(head.version, head.maxOrd, rows, removed.rows.map((row) => row.id));
  }
}
