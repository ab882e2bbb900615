import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/server-process.js';

const root = tempDir('dem-cli-repair-');
const project = join(root, 'shop');
const memoryDir = join(root, 'memory');
const cli = (...args: string[]) => runCli(['--project', project, ...args], { env: { DATA_ENGINEER_MEMORY_DIR: memoryDir }, cwd: root });

beforeAll(() => mkdirSync(project, { recursive: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('repair', () => {
  it('makes a store with a hand-edited bad record writable again, after add refused with exit 1', () => {
    expect(cli('add', '--type', 'pattern', 'Partition the events table by day').code).toBe(0);
    const storePath = join(memoryDir, `${JSON.parse(cli('info', '--json').stdout).project.key}.json`);
    const store = JSON.parse(readFileSync(storePath, 'utf8')) as { memories: Record<string, unknown>[] };
    store.memories.push({ ...store.memories[0], id: 'handEdit1', content: 'Edited by hand', type: 'Pattern' });
    writeFileSync(storePath, JSON.stringify(store, null, 2));

    const refused = cli('add', '--type', 'context', 'Warehouse is BigQuery');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/record 2 \(id "handEdit1"\): type: .*data-engineer-mcp repair/u);

    const repaired = cli('repair');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/^Repaired memory store .*1 record\(s\) moved, unchanged, to .*\.rejected-/u);
    expect(cli('add', '--type', 'context', 'Warehouse is BigQuery').code).toBe(0);
    expect(JSON.parse(cli('repair', '--json').stdout)).toMatchObject({ repaired: false, moved: 0, renamed: [] });
  });
});
