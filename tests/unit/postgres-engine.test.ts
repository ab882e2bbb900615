import { describe, expect, it } from 'vitest';
import { resolveProject } from '../../src/domain/project.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { SCHEMA_VERSION } from '../../src/domain/store/postgres/migrations.js';
import pg from 'pg';
import { clusterPassword, freshDatabase, postgresEngine, query } from '../support/postgres.js';
import { tempDir } from '../support/server-process.js';

// What only the PostgreSQL engine has: its schema, its connections, its limits.

const project = () => resolveProject(tempDir('dem-pg-'), 'cli');

describe('the PostgreSQL engine', () => {
  it('migrates the schema once when 8 servers start on an empty database at the same moment', async () => {
    const url = await freshDatabase();
    const where = project();
    const engines = Array.from({ length: 8 }, () => postgresEngine(url));
    try {
      await Promise.all(engines.map((engine) => engine.open(where).ready()));
      await Promise.all(engines.map((engine, i) => new MemoryService(engine.open(where)).add({ type: 'context', content: `Started server number s${i}x` })));
    } finally {
      await Promise.all(engines.map((engine) => engine.close()));
    }
    expect(await query(url, 'SELECT version FROM data_engineer.migrations ORDER BY version')).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
    expect(await query(url, 'SELECT count(*)::int AS n FROM data_engineer.memories')).toEqual([{ n: 8 }]);
  });

  it('gives up on a statement stuck behind a lock after the configured timeout, and changes nothing', async () => {
    const url = await freshDatabase();
    const where = project();
    const engine = postgresEngine(url, undefined, { statementTimeoutMs: 300 });
    const service = new MemoryService(engine.open(where));
    await service.add({ type: 'context', content: 'Present before the lock was taken' });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM data_engineer.projects FOR UPDATE');
      const started = Date.now();
      await expect(service.add({ type: 'context', content: 'Waits for a lock that is never released' })).rejects.toMatchObject({ code: 'store_unavailable', message: expect.stringContaining('57014') });
      expect(Date.now() - started).toBeLessThan(5_000);
      await holder.query('ROLLBACK');
      expect((await service.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['Present before the lock was taken']);
    } finally {
      await holder.end();
      await engine.close();
    }
  });

  it('keeps to the configured pool size however many calls run at once', async () => {
    const url = await freshDatabase();
    const engine = postgresEngine(url, undefined, { poolSize: 2 });
    const services = Array.from({ length: 6 }, () => new MemoryService(engine.open(project())));
    try {
      await Promise.all(services.flatMap((service, s) => Array.from({ length: 5 }, (_, i) => service.add({ type: 'context', content: `Pool test s${s}n${i} memory` }))));
      const connections = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'data-engineer-mcp' AND datname = current_database()");
      // The pool, plus the one connection that listens for changes.
      expect(connections[0]!.n).toBeLessThanOrEqual(3);
      expect((await engine.list()).map((store) => store.count)).toEqual([5, 5, 5, 5, 5, 5]);
    } finally {
      await engine.close();
    }
  });

  it('keeps the password out of the error when the database refuses the login', async () => {
    const url = new URL(await freshDatabase());
    url.password = `${clusterPassword()}x`;
    const engine = postgresEngine(url.toString());
    try {
      const error = await new MemoryService(engine.open(project())).add({ type: 'context', content: 'Never stored with a wrong password' }).then(() => new Error("stored"), (caught: unknown) => caught as Error);
      expect(error).toMatchObject({ code: 'store_unavailable' });
      expect(error.message).toContain('28P01');
      expect(error.message).not.toContain(clusterPassword());
      expect(engine.location).not.toContain(clusterPassword());
    } finally {
      await engine.close();
    }
  });
});
