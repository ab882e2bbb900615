import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getMcpConfigForManifest, hasRequiredConfigMissing, type McpbManifestAny, unpackExtension } from '@anthropic-ai/mcpb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_MEMORY_CHARS_DEFAULT } from '../../src/domain/prompt-memory.js';
import { ok, startServer, tempDir, type Started } from '../support/server-process.js';

// The Claude Desktop bundle as a user gets it: packed once by the real pack script with the
// registry's mcpb CLI, unpacked by that CLI, and started the way Desktop starts it — the
// manifest's command, args and env with ${__dirname} and ${user_config.*} replaced by mcpb's own
// code (getMcpConfigForManifest, what Desktop runs), in cwd /.
const checkout = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8'));
const mcpbCli = join(dirname(fileURLToPath(import.meta.resolve('@anthropic-ai/mcpb'))), 'cli', 'cli.js');
const root = tempDir('dem-mcpb-');
const bundleFile = join(root, 'data-engineer-mcp.mcpb');
let manifest: McpbManifestAny & Record<string, any>;
/** The first install, only read by the tests that look at its files. */
let unpacked: string;
const running: Started[] = [];

function mcpb(...args: string[]) {
  const run = spawnSync(process.execPath, [mcpbCli, ...args], { encoding: 'utf8' });
  expect(run.status, `mcpb ${args.join(' ')}: ${run.stdout}${run.stderr}`).toBe(0);
  return run.stdout;
}

/** A fresh install of the bundle, unpacked by mcpb's own code as Desktop unpacks one. */
async function install(name: string): Promise<string> {
  const dir = join(root, name);
  expect(await unpackExtension({ mcpbPath: bundleFile, outputDir: dir, silent: true })).toBe(true);
  return dir;
}

/** Every file under `dir` with a digest of its bytes, skipping `except`. */
function snapshot(dir: string, except: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (path === except) continue;
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return files;
}

/** Starts the installed bundle as Desktop would, with `userConfig` as the user filled it in. */
async function startAsDesktop(installed: string, home: string, userConfig: Record<string, string | number>, wrap: string[] = []): Promise<Started> {
  const config = await getMcpConfigForManifest({
    manifest,
    extensionPath: installed,
    systemDirs: { HOME: home, DESKTOP: join(home, 'Desktop'), DOCUMENTS: join(home, 'Documents'), DOWNLOADS: join(home, 'Downloads') },
    userConfig,
    pathSeparator: sep,
  });
  if (!config) throw new Error('mcpb found required settings missing');
  // Desktop runs "node" with the Node it ships; here that is the Node running the tests.
  const command = config.command === 'node' ? process.execPath : config.command;
  const [first, ...args] = [...wrap, command, ...(config.args ?? [])];
  const started = await startServer({ command: first, args, cwd: '/', env: { HOME: home, ...config.env } });
  running.push(started);
  return started;
}

beforeAll(async () => {
  const packed = spawnSync(process.execPath, [join(checkout, 'scripts/mcpb/pack.mjs'), '--out', bundleFile], { encoding: 'utf8' });
  expect(packed.status, packed.stderr).toBe(0);
  unpacked = await install('unpacked');
  manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
});
afterAll(async () => {
  await Promise.all(running.map((server) => server.close()));
  rmSync(root, { recursive: true, force: true });
});

describe('the .mcpb bundle', () => {
  it('holds the server bundle, the agents, the licence, the icon and the manifest, nothing else', () => {
    const files = [...snapshot(unpacked, '').keys()].sort();
    expect(files).toEqual(['LICENSE', 'agents/data_engineer.md', 'dist/cli.js', 'dist/package.json', 'dist/server.cjs', 'dist/server.cjs.LEGAL.txt', 'icon.png', 'manifest.json'].map((file) => file.split('/').join(sep)));
    // The server is one esbuild bundle (no node_modules): ~590 KiB packed with the HTTP and PostgreSQL engines in it.
    expect(statSync(bundleFile).size, 'no node_modules: one small file').toBeLessThan(1024 * 1024);
  });

  it('passes mcpb validate', () => {
    expect(mcpb('validate', join(unpacked, 'manifest.json'))).toMatch(/validation passes/iu);
  });

  it('takes its identity from package.json and runs dist/cli.js with Node on every desktop platform', () => {
    expect(manifest).toMatchObject({
      manifest_version: '0.3',
      name: pkg.name,
      display_name: pkg.displayName,
      version: pkg.version,
      description: pkg.description,
      author: { name: pkg.author },
      license: pkg.license,
      icon: 'icon.png',
      server: { type: 'node', entry_point: 'dist/cli.js', mcp_config: { command: 'node', args: ['${__dirname}/dist/cli.js'] } },
      compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: pkg.engines.node } },
    });
    expect(readFileSync(join(unpacked, 'icon.png')).equals(readFileSync(join(checkout, 'src/mcp/icon.png')))).toBe(true);
  });

  it('asks for the project folder first and requires it; the memory folder and prompt budget are optional', () => {
    const settings = manifest.user_config!;
    expect(Object.keys(settings)).toEqual(['project_dir', 'memory_dir', 'prompt_memory_chars']);
    expect(settings.project_dir).toMatchObject({ type: 'directory', required: true });
    expect(settings.memory_dir).toMatchObject({ type: 'directory', required: false });
    expect(settings.prompt_memory_chars).toMatchObject({ type: 'number', required: false });
    expect(settings.prompt_memory_chars!.description).toContain(PROMPT_MEMORY_CHARS_DEFAULT.toLocaleString('en-US'));
    expect(manifest.server.mcp_config.env).toEqual({
      DATA_ENGINEER_PROJECT: '${user_config.project_dir}',
      DATA_ENGINEER_MEMORY_DIR: '${user_config.memory_dir}',
      DATA_ENGINEER_PROMPT_MEMORY_CHARS: '${user_config.prompt_memory_chars}',
    });
    expect(hasRequiredConfigMissing({ manifest, userConfig: {} }), 'Desktop will not start it without a project').toBe(true);
  });

  it('started as Desktop starts it, lists what the manifest says and keeps memory only in the chosen folder', async () => {
    const installed = await install('desktop');
    const home = join(root, 'home');
    const project = join(root, 'projects', 'shop');
    const memory = join(root, 'chosen-memory');
    mkdirSync(project, { recursive: true });
    mkdirSync(home, { recursive: true });
    const before = snapshot(root, memory);

    const server = await startAsDesktop(installed, home, { project_dir: project, memory_dir: memory, prompt_memory_chars: 600 });
    const tools = (await server.client.listTools()).tools.map(({ name, description }) => ({ name, description }));
    expect(manifest.tools).toEqual(tools);
    const prompts = (await server.client.listPrompts()).prompts;
    expect(manifest.prompts!.map(({ name, description, arguments: names }) => ({ name, description, names }))).toEqual(
      prompts.map(({ name, description, arguments: args }) => ({ name, description, names: (args ?? []).map((argument) => argument.name) })),
    );
    const icon = server.client.getServerVersion()?.icons?.[0]?.src ?? '';
    expect(icon === `data:image/png;base64,${readFileSync(join(installed, 'icon.png')).toString('base64')}`, 'initialize names the bundle icon').toBe(true);

    await ok(server.client, 'add_memory', { type: 'pattern', content: 'Partition the events table by day' });
    expect((await ok(server.client, 'read_memories', {})).memories.map((m: any) => m.content)).toEqual(['Partition the events table by day']);
    const info = await ok(server.client, 'memory_info', {});
    expect(info.project.root).toBe(project);
    expect(dirname(info.storePath)).toBe(memory);
    await server.close();
    running.pop();

    expect(readdirSync(memory).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    const after = snapshot(root, memory);
    const added = [...after.keys()].filter((path) => !before.has(path));
    const changed = [...before.keys()].filter((path) => after.get(path) !== before.get(path));
    // The launcher's V8 code cache, beside the bundle in the install folder, is the one write
    // allowed outside the memory folder (the .mcpb ships none: it is Node-version specific).
    expect(added.every((path) => /^desktop[/\\]dist[/\\]server\.cjs\.[0-9a-f]{16}\.v8-cache$/u.test(path)), added.join(', ')).toBe(true);
    expect(changed).toEqual([]);
  });

  it('with the optional settings left empty, uses the per-user data folder and the default budget', async () => {
    const installed = await install('defaults');
    const home = join(root, 'home-defaults');
    const project = join(root, 'projects', 'warehouse');
    mkdirSync(project, { recursive: true });
    mkdirSync(home, { recursive: true });

    const server = await startAsDesktop(installed, home, { project_dir: project });
    await ok(server.client, 'add_memory', { type: 'guideline', content: 'Load facts after their dimensions' });
    const info = await ok(server.client, 'memory_info', {});
    // env-paths' Linux data folder; on macOS and Windows the same call gives their own.
    expect(dirname(info.storePath)).toBe(join(home, '.local', 'share', 'data-engineer-mcp', 'memory'));
    expect(existsSync(info.storePath)).toBe(true);
    expect(readdirSync('/').filter((name) => name.includes('user_config'))).toEqual([]);
  });

  const canMountReadOnly = (() => {
    const probe = tempDir('dem-ro-probe-');
    const run = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount --bind -o ro "$0" "$0" && ! touch "$0/x" 2>/dev/null', probe]);
    rmSync(probe, { recursive: true, force: true });
    return run.status === 0;
  })();

  it.skipIf(!canMountReadOnly)('serves from a read-only install, where no code cache can be written', async () => {
    const installed = await install('read-only');
    const home = join(root, 'home-ro');
    const project = join(root, 'projects', 'lake');
    const memory = join(root, 'ro-memory');
    mkdirSync(project, { recursive: true });
    mkdirSync(home, { recursive: true });
    // A private mount namespace where the install folder is mounted read-only over itself.
    const wrap = ['unshare', '-rm', 'sh', '-c', 'mount --bind -o ro "$0" "$0" && exec "$@"', installed];

    const server = await startAsDesktop(installed, home, { project_dir: project, memory_dir: memory }, wrap);
    await ok(server.client, 'add_memory', { type: 'context', content: 'The lake is read through Trino' });
    expect((await ok(server.client, 'read_memories', {})).total).toBe(1);
    await server.close();
    running.pop();

    expect(readdirSync(join(installed, 'dist')).filter((name) => name.includes('v8-cache'))).toEqual([]);
  });
});
