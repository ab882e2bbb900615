import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTRY, ok, startServer, tempDir } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';

// The launcher (src/launch.ts) compiles the bundle from V8's code cache. A cache is only an
// optimisation: a missing or unfit one must never stop the server, and is written again.
const built = resolve(ENTRY, '..');
const checkout = resolve(built, '..');
let root: string;
let dist: string;

beforeEach(() => {
  // A copy of the built server without its cache, beside the package files it reads.
  root = tempDir('dem-launch-');
  dist = join(root, 'dist');
  mkdirSync(dist);
  for (const file of ['cli.js', 'server.cjs', 'package.json']) cpSync(join(built, file), join(dist, file));
  cpSync(join(checkout, 'package.json'), join(root, 'package.json'));
  cpSync(join(checkout, 'agents'), join(root, 'agents'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const cacheName = () => `server.cjs.${createHash('sha256').update(readFileSync(join(dist, 'server.cjs'), 'utf8')).digest('hex').slice(0, 16)}.v8-cache`;

async function session(): Promise<void> {
  const project = join(root, 'project');
  mkdirSync(project, { recursive: true });
  const server = await startServer({ entry: join(dist, 'cli.js'), env: { DATA_ENGINEER_PROJECT: project, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory') } });
  await ok(server.client, 'add_memory', { type: 'pattern', content: 'Partition event tables by ingestion date' });
  expect((await ok(server.client, 'read_memories', { query: 'partition' })).memories).toHaveLength(1);
  await server.close();
}

describe('the launcher and its code cache', () => {
  it('serves without a cache and leaves one, named by the bundle, for the next start', async () => {
    await session();
    const cache = join(dist, cacheName());
    await waitFor('the code cache written at exit', () => readdirSync(dist).includes(cacheName()));
    expect(readdirSync(dist).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const written = readFileSync(cache);
    await session();
    expect(readFileSync(cache).equals(written), 'an accepted cache is left as it is').toBe(true);
  });

  it('serves with a cache V8 rejects (another build or Node version) and replaces it', async () => {
    const cache = join(dist, cacheName());
    const unfit = Buffer.alloc(64 * 1024, 7);
    writeFileSync(cache, unfit);

    await session();

    await waitFor('the unfit cache replaced at exit', () => !readFileSync(cache).equals(unfit));
  });
});
