import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../support/sandbox.js';
import { call } from '../support/server-process.js';
import { storePathOf } from '../support/store-files.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = new Sandbox();
});
afterEach(() => sandbox.dispose());

const contentsOf = (page: { memories: Array<{ content: string }> }) => page.memories.map((memory) => memory.content);
const storedIn = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { memories: Array<{ id: string; content: string }> }).memories;

describe('persistence', () => {
  it('reads back after a restart what was stored before it', async () => {
    const projectDir = sandbox.project();
    const first = await sandbox.start(projectDir);
    const added = await call(first.client, 'add_memory', { type: 'architecture', content: 'Orders are partitioned by month' });
    expect(added.isError).toBeFalsy();
    await first.close();

    const second = await sandbox.start(projectDir);
    const page = await call(second.client, 'read_memories');

    expect(page.structuredContent.memories).toEqual([added.structuredContent.memory]);
    expect((await call(second.client, 'memory_info')).structuredContent.counts).toMatchObject({ architecture: 1, total: 1 });
  });

  it('keeps a symlinked path to the project on the same store', async () => {
    const projectDir = sandbox.project('lake');
    const first = await sandbox.start(projectDir);
    await call(first.client, 'add_memory', { type: 'context', content: 'The lake lives on S3' });
    const link = join(sandbox.root, 'lake-link');
    symlinkSync(projectDir, link, 'dir');

    const viaLink = await sandbox.start(link);

    expect(await storePathOf(viaLink.client)).toBe(await storePathOf(first.client));
    expect(contentsOf((await call(viaLink.client, 'read_memories')).structuredContent)).toEqual(['The lake lives on S3']);
  });
});

describe('projects', () => {
  it('keeps two projects with the same folder name in two stores that share nothing', async () => {
    const alpha = await sandbox.start(sandbox.project('etl', 'client-a'));
    const beta = await sandbox.start(sandbox.project('etl', 'client-b'));

    await call(alpha.client, 'add_memory', { type: 'pattern', content: 'Alpha uses dbt snapshots' });
    await call(beta.client, 'add_memory', { type: 'pattern', content: 'Beta uses Airflow sensors' });

    const [alphaStore, betaStore] = [await storePathOf(alpha.client), await storePathOf(beta.client)];
    expect(alphaStore).not.toBe(betaStore);
    expect(readdirSync(sandbox.memoryDir).filter((name) => name.endsWith('.json')).sort()).toEqual(
      [alphaStore, betaStore].map((path) => path.slice(sandbox.memoryDir.length + 1)).sort(),
    );
    expect(contentsOf((await call(alpha.client, 'read_memories')).structuredContent)).toEqual(['Alpha uses dbt snapshots']);
    expect(contentsOf((await call(beta.client, 'read_memories')).structuredContent)).toEqual(['Beta uses Airflow sensors']);
    expect(storedIn(alphaStore).map((memory) => memory.content)).toEqual(['Alpha uses dbt snapshots']);
  });
});

describe('several server processes on one project', () => {
  it('keeps every write when four processes add 50 memories each at once', async () => {
    const projectDir = sandbox.project('shared');
    const servers = await Promise.all([0, 1, 2, 3].map(() => sandbox.start(projectDir)));

    const outcomes = await Promise.all(
      servers.map(async ({ client }, worker) => {
        const failures: string[] = [];
        for (let i = 0; i < 50; i++) {
          const result = await call(client, 'add_memory', { type: 'performance', content: `Learning ${worker}.${String(i).padStart(2, '0')} from a parallel writer` });
          if (result.isError || !result.structuredContent?.created) failures.push(JSON.stringify(result.content));
        }
        return failures;
      }),
    );

    expect(outcomes.flat()).toEqual([]);
    const page = await call(servers[0]!.client, 'read_memories', { limit: 200 });
    expect(page.structuredContent.total).toBe(200);
    const onDisk = storedIn(await storePathOf(servers[3]!.client));
    expect(onDisk).toHaveLength(200);
    expect(new Set(onDisk.map((memory) => memory.content)).size).toBe(200);
    expect(new Set(onDisk.map((memory) => memory.id)).size).toBe(200);
    for (const { client } of servers) expect((await call(client, 'memory_info')).structuredContent.counts.total).toBe(200);
  });

  it('stores a memory once when four processes add the same one at once', async () => {
    const projectDir = sandbox.project('shared');
    const servers = await Promise.all([0, 1, 2, 3].map(() => sandbox.start(projectDir)));

    const results = await Promise.all(servers.map(({ client }) => call(client, 'add_memory', { type: 'guideline', content: 'Always set a statement timeout' })));

    expect(results.filter((result) => result.structuredContent.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.structuredContent.memory.id)).size).toBe(1);
    expect(storedIn(await storePathOf(servers[0]!.client))).toHaveLength(1);
  });
});
