import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startServer, tempDir } from '../support/server-process.js';

// The package as a user gets it: `npm pack` of this checkout, installed with
// `npm install --omit=dev <tarball>` into a fresh prefix, run from there.

const repo = resolve(import.meta.dirname, '../..');
const root = tempDir('dem-installed-');
const prefix = join(root, 'prefix');
const home = join(root, 'home');
const project = join(root, 'shop');
let packed: { filename: string; files: Array<{ path: string }> };
let bin: string;

const npm = (args: string[], cwd: string) => {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
};

beforeAll(() => {
  mkdirSync(prefix);
  mkdirSync(home);
  mkdirSync(project);
  // --ignore-scripts: pack the dist/ this test run built (prepare would rebuild it under the other tests' feet).
  [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', root], repo));
  npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--offline', join(root, packed.filename)], prefix);
  bin = join(prefix, 'node_modules', 'data-engineer-mcp', 'dist', 'cli.js');
}, 180_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the bundle, the agents, README and LICENSE, and no source map, bundle or code cache', () => {
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'agents/data_engineer.md', 'dist/cli.js', 'dist/server.cjs', 'package.json']));
    expect(paths.filter((path) => /\.(map|mcpb|v8-cache|ts)$/u.test(path) || path.startsWith('src/'))).toEqual([]);
  });

  it('installs with --omit=dev into at most 10 packages and runs no build', () => {
    const modules = readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'));
    const count = modules.reduce((sum, name) => sum + (name.startsWith('@') ? readdirSync(join(prefix, 'node_modules', name)).length : 1), 0);
    expect(count).toBeLessThanOrEqual(10);
    const manifest = JSON.parse(readFileSync(join(prefix, 'node_modules', 'data-engineer-mcp', 'package.json'), 'utf8'));
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => /^(pre|post)?install$/u.test(name))).toEqual([]);
    expect(existsSync(join(prefix, 'node_modules', 'data-engineer-mcp', 'src'))).toBe(false);
  });
});

describe('the installed bin', () => {
  const cli = (...args: string[]) => runCli(['--project', project, ...args], { entry: bin, env: { HOME: home }, cwd: root });

  it('answers --version, and adds and lists memories in the per-user data folder', () => {
    const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
    expect(runCli(['--version'], { entry: bin })).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(cli('add', '--type', 'pattern', 'Use surrogate keys in every dimension').code).toBe(0);
    expect(JSON.parse(cli('list', '--json').stdout)).toEqual([expect.objectContaining({ content: 'Use surrogate keys in every dimension' })]);
    const info = JSON.parse(cli('info', '--json').stdout);
    expect(info.memoryDirSource).toBe('the per-user data folder');
    expect(info.storePath.startsWith(join(home, '.local', 'share', 'data-engineer-mcp', 'memory'))).toBe(true);
  });

  it('refuses bad input with exit 2', () => {
    expect(cli('add', '--type', 'loud', 'Use surrogate keys in every dimension').code).toBe(2);
  });

  it('serves MCP on stdio by default', async () => {
    const server = await startServer({ entry: bin, env: { HOME: home, DATA_ENGINEER_PROJECT: project } });
    try {
      expect((await server.client.listTools()).tools.map((tool) => tool.name)).toContain('add_memory');
      expect(server.stderr()).toMatch(/store .*\.local\/share\/data-engineer-mcp\/memory\/shop-/u);
    } finally {
      await server.close();
    }
  });
});
