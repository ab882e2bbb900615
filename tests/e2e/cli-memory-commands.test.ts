import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/server-process.js';

const root = tempDir('dem-cli-');
const project = join(root, 'shop');
const memoryDir = join(root, 'memory');
const env = { DATA_ENGINEER_MEMORY_DIR: memoryDir };
const cli = (...args: string[]) => runCli(['--project', project, ...args], { env, cwd: root });
const storeFile = () => readFileSync(join(memoryDir, `${JSON.parse(cli('info', '--json').stdout).project.key}.json`), 'utf8');

beforeAll(() => mkdirSync(project, { recursive: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('add', () => {
  it('stores a memory from the words given, accepting the type in any case, and prints it', () => {
    const run = cli('add', '--type', 'Performance', 'Partition', 'the', 'events', 'table', 'by', 'day');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Stored performance memory \S+: Partition the events table by day\n$/u);
  });

  it('prints the existing memory, not a second one, for the same learning', () => {
    const run = cli('add', '--type', 'performance', '--json', 'partition the events table by day');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ created: false, similarity: 1, memory: { content: 'Partition the events table by day' } });
  });

  it('answers an unknown type with exit 2 naming the flag, the rule and the value, and stores nothing', () => {
    const before = storeFile();
    const run = cli('add', '--type', 'loud', 'Some learning here');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--type must be one of pattern, .*context.*\(given: "loud"\)/u);
    expect(run.stderr).toMatch(/Usage: data-engineer-mcp add/u);
    expect(storeFile()).toBe(before);
  });

  it('answers a missing --type with exit 2', () => {
    const run = cli('add', 'Some learning here');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--type <type>' not specified/u);
  });

  it('refuses a secret with exit 1 and never echoes it', () => {
    const key = `sk-ant-api03-${'a1B2c3D4e5'.repeat(5)}`;
    const run = cli('add', '--type', 'context', `the key is ${key}`);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Anthropic API key.*not stored/u);
    expect(run.stderr + run.stdout).not.toContain(key);
  });
});

describe('list and search', () => {
  beforeAll(() => {
    cli('add', '--type', 'guideline', 'Every transform is a dbt model with tests');
    cli('add', '--type', 'mistake', '--agent', 'etl', 'Never truncate the staging schema by hand');
  });

  it('lists newest first in aligned columns: id, type, agent, date, content', () => {
    const run = cli('list');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\S+ +mistake +etl +\d{4}-\d\d-\d\d {2}Never truncate the staging schema by hand$/u);
    const column = (line: string) => line.indexOf(line.includes('mistake') ? 'mistake' : line.includes('guideline') ? 'guideline' : 'performance');
    expect(new Set(lines.map(column)).size).toBe(1);
    expect(run.stdout).not.toContain(String.fromCharCode(27));
  });

  it('prints --json as one array of the stored records', () => {
    const records = JSON.parse(cli('list', '--json', '--type', 'guideline').stdout);
    expect(records).toEqual([expect.objectContaining({ type: 'guideline', agent: 'data_engineer', content: 'Every transform is a dbt model with tests', id: expect.any(String), createdAt: expect.any(String) })]);
  });

  it('finds by meaning with search, best match first, and filters by agent', () => {
    expect(cli('search', 'partitioning', 'events').stdout.split('\n')[0]).toMatch(/Partition the events table by day/u);
    expect(JSON.parse(cli('search', 'staging', '--agent', 'etl', '--json').stdout)).toHaveLength(1);
  });

  it('answers a bad --limit with exit 2 and the rule', () => {
    const run = cli('list', '--limit', 'many');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--limit must be a whole number from 1 to 200 \(given: "many"\)/u);
  });
});

describe('update and delete', () => {
  const idOf = (content: string) => (JSON.parse(cli('search', content, '--json').stdout) as Array<{ id: string; content: string }>).find((memory) => memory.content === content)!.id;

  it('says archived and restored for --archive and --restore', () => {
    const id = idOf('Every transform is a dbt model with tests');
    expect(cli('update', id, '--archive').stdout).toMatch(new RegExp(`^Archived ${id}:`, 'u'));
    expect(JSON.parse(cli('list', '--archived', '--json').stdout)).toEqual([expect.objectContaining({ id })]);
    expect(cli('update', id, '--restore').stdout).toMatch(new RegExp(`^Restored ${id}:`, 'u'));
  });

  it('changes the content and prints {memory} with --json', () => {
    const id = idOf('Every transform is a dbt model with tests');
    const run = cli('update', id, '--content', 'Every transform is a dbt model with schema tests', '--json');
    expect(JSON.parse(run.stdout).memory).toMatchObject({ id, content: 'Every transform is a dbt model with schema tests' });
  });

  it('answers nothing to change with exit 2, and both --archive and --restore with exit 2', () => {
    expect(cli('update', 'abc').code).toBe(2);
    expect(cli('update', 'abc', '--archive', '--restore').code).toBe(2);
  });

  it('answers an unknown id with exit 1 telling which command finds ids', () => {
    for (const run of [cli('update', 'nosuch', '--type', 'pattern'), cli('delete', 'nosuch')]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/id "nosuch" is not a memory in this project\. Use 'data-engineer-mcp list' or 'search'/u);
    }
  });

  it('takes an id that starts with "-" (made before ids stopped doing so) after "--"', () => {
    const legacy = join(root, 'legacy');
    mkdirSync(legacy, { recursive: true });
    const inLegacy = (...args: string[]) => runCli(['--project', legacy, ...args], { env, cwd: root });
    const key = JSON.parse(inLegacy('info', '--json').stdout).project.key;
    const at = '2026-01-01T00:00:00.000Z';
    const memory = { id: '-old1234', agent: 'data_engineer', type: 'pattern', content: 'Load the ledger nightly', createdAt: at, updatedAt: at };
    writeFileSync(join(memoryDir, `${key}.json`), `${JSON.stringify({ schemaVersion: 1, project: { name: 'legacy', root: legacy }, memories: [memory] })}\n`);
    expect(inLegacy('update', '--content', 'Load the ledger hourly', '--', '-old1234')).toMatchObject({ code: 0, stdout: expect.stringContaining('Load the ledger hourly') });
    expect(JSON.parse(inLegacy('delete', '--json', '--', '-old1234').stdout)).toEqual({ deleted: true, id: '-old1234' });
  });

  it('deletes by id', () => {
    const id = idOf('Never truncate the staging schema by hand');
    expect(JSON.parse(cli('delete', id, '--json').stdout)).toEqual({ deleted: true, id });
    expect(cli('list', '--agent', 'etl', '--json').stdout.trim()).toBe('[]');
  });
});

describe('export and import', () => {
  it('exports markdown to stdout and json to a file, and imports them back into another project without duplicates', () => {
    const markdown = cli('export');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# Data Engineer Memory\n[\s\S]*## Performance\n\n- Partition the events table by day/u);
    const file = join(root, 'export.json');
    expect(cli('export', '--format', 'json', '--output', file).stderr).toMatch(/Exported 2 memories to .*export\.json/u);
    const other = join(root, 'warehouse');
    mkdirSync(other);
    const first = runCli(['import', file, '--project', other, '--json'], { env, cwd: root });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ format: 'json', added: [expect.anything(), expect.anything()], duplicates: [], rejected: [] });
    const again = runCli(['import', '-', '--project', other], { env, cwd: root, input: markdown.stdout });
    expect(again.stdout).toMatch(/^Read as markdown\. Added 0, already stored 2, rejected 0\./u);
  });

  it('answers a file it cannot read with exit 1, and a bad --format with exit 2', () => {
    expect(cli('import', join(root, 'missing.md'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/missing\.md cannot be read \(ENOENT\)/u) });
    expect(cli('export', '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format must be "markdown" or "json" \(given: "xml"\)/u) });
  });

  it('exits 1 when every item of an import is refused', () => {
    writeFileSync(join(root, 'bad.md'), '# Data Engineer Memory\n\n## Pattern\n\n- no\n');
    const run = cli('import', join(root, 'bad.md'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/rejected 1/u);
  });
});

describe('info', () => {
  it('names the project, how it was chosen, the full store path and the counts', () => {
    const run = cli('info');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Project +shop +.*shop\n/u);
    expect(run.stdout).toMatch(/chosen by +the --project option/u);
    expect(run.stdout).toContain(`Store         ${join(memoryDir, 'shop-')}`);
    expect(run.stdout).toMatch(/from +DATA_ENGINEER_MEMORY_DIR/u);
    expect(run.stdout).toMatch(/Projects with a store in[\s\S]*shop +2 memories[\s\S]*warehouse +2 memories/u);
  });

  it('prints memory_info\'s record with --json', () => {
    const info = JSON.parse(cli('info', '--json').stdout);
    expect(info).toMatchObject({ project: { name: 'shop' }, source: 'cli', memoryDir, counts: { total: 2, performance: 1 }, memoryDirSource: 'DATA_ENGINEER_MEMORY_DIR' });
    expect(info.storePath).toBe(join(memoryDir, `${info.project.key}.json`));
  });

  it('answers a --project that does not exist with exit 2 naming it', () => {
    const run = runCli(['info', '--project', join(root, 'nope')], { env, cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--project ".*nope" is not an existing folder/u);
  });
});
