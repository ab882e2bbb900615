import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectKey } from '../../src/domain/project.js';
import { freshDatabase, query } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/server-process.js';

// `migrate` moves a project's memories between a memory folder and PostgreSQL, both ways: every
// record as it was (ids, timestamps, archive), counts checked, the source only read.

const root = tempDir('dem-migrate-');
const project = join(root, 'shop');
const memoryDir = join(root, 'memory');
const storeFile = () => join(memoryDir, `${projectKey(project)}.json`);
let url: string;

const memory = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `m${i}`,
  agent: i % 2 ? 'data_engineer' : 'qa',
  type: 'pattern',
  content: `Migrated learning number ${i} about loads`,
  createdAt: `2026-01-0${1 + (i % 9)}T10:00:00.000Z`,
  updatedAt: `2026-02-0${1 + (i % 9)}T10:00:00.000Z`,
  ...extra,
});
const MEMORIES = [memory(1), memory(2, { archivedAt: '2026-03-01T00:00:00.000Z' }), memory(3, { source: 'hand-added field' }), memory(4)];

const cli = (...args: string[]) => runCli(['--project', project, 'migrate', ...args], { cwd: root });

beforeAll(async () => {
  mkdirSync(project, { recursive: true });
  mkdirSync(memoryDir, { recursive: true });
  writeFileSync(storeFile(), `${JSON.stringify({ schemaVersion: 1, memories: MEMORIES })}\n`);
  url = await freshDatabase();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('migrate', () => {
  it('copies every memory of a JSON store into PostgreSQL as it was, and leaves the file untouched', async () => {
    const before = readFileSync(storeFile());
    const run = cli('--from', memoryDir, '--to', url, '--json');

    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 4, copied: 4, alreadyThere: 0 });
    expect(readFileSync(storeFile())).toEqual(before);
    const rows = await query<{ id: string; archived_at: string | null; extra: unknown }>(url, 'SELECT id, archived_at, extra FROM data_engineer.memories ORDER BY ord');
    expect(rows).toEqual([
      { id: 'm1', archived_at: null, extra: null },
      { id: 'm2', archived_at: '2026-03-01T00:00:00.000Z', extra: null },
      { id: 'm3', archived_at: null, extra: { source: 'hand-added field' } },
      { id: 'm4', archived_at: null, extra: null },
    ]);
  });

  it('copies nothing twice when run again', () => {
    const run = cli('--from', memoryDir, '--to', url, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 4, copied: 0, alreadyThere: 4 });
  });

  it('copies them back from PostgreSQL into an empty memory folder, record for record', async () => {
    const back = join(root, 'back');
    const versionBefore = await query(url, 'SELECT version FROM data_engineer.projects');
    const run = cli('--from', url, '--to', back);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Copied 4 of 4 memories of shop from postgres:\/\/postgres@127\.0\.0\.1:\d+\/t_\w+#shop-[0-9a-f]{8} to .*back.*; every one checked/u);
    const copied = (JSON.parse(readFileSync(join(back, `${projectKey(project)}.json`), 'utf8')) as { memories: unknown[] }).memories;
    expect(copied).toEqual(MEMORIES.map((entry) => expect.objectContaining(entry)));
    expect(await query(url, 'SELECT version FROM data_engineer.projects')).toEqual(versionBefore);
  });

  it('refuses, copying nothing, when the target holds another memory under one of the ids', () => {
    const clash = join(root, 'clash');
    mkdirSync(clash, { recursive: true });
    writeFileSync(join(clash, `${projectKey(project)}.json`), `${JSON.stringify({ schemaVersion: 1, memories: [memory(9, { id: 'm1' })] })}\n`);
    const before = readFileSync(join(clash, `${projectKey(project)}.json`));

    const run = cli('--from', memoryDir, '--to', clash);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already holds 1 memories with the ids of different ones .*"m1".*nothing was copied/u);
    expect(readFileSync(join(clash, `${projectKey(project)}.json`))).toEqual(before);
  });
});
