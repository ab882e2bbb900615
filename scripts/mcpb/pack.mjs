// `npm run pack:mcpb`: the Claude Desktop bundle, dist/data-engineer-mcp.mcpb (README "Claude
// Desktop"). It holds the built server (which needs no node_modules), the agents, the licence,
// the icon and a manifest whose tools and prompts are what the built server itself lists.
// `node scripts/mcpb/pack.mjs --out FILE` packs the current dist/ without building (tests use it).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ENTRY_POINT, ICON, manifestFor } from './manifest.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(root, 'dist', 'data-engineer-mcp.mcpb'));

/**
 * The bundle's files. Not the V8 code cache: V8 takes a cache only from its own version and flags,
 * and Desktop runs its own Node, so ours would be 0.8 MB that is always rejected; the launcher
 * writes one beside the bundle at the first exit where the folder is writable. Not the source
 * map either. The LEGAL file keeps the licence notices of the code esbuild bundled.
 */
const BUNDLE = ['cli.js', 'server.cjs', 'server.cjs.LEGAL.txt', 'package.json'];

async function servedLists(work) {
  // The checkout's dist/ is byte for byte what the bundle carries, and already has its cache.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(root, ENTRY_POINT)],
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: work, DATA_ENGINEER_PROJECT: work, DATA_ENGINEER_MEMORY_DIR: join(work, 'memory'), DATA_ENGINEER_LOG_LEVEL: 'error' },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'pack-mcpb', version: '0' });
  await client.connect(transport);
  try {
    return { tools: (await client.listTools()).tools, prompts: (await client.listPrompts()).prompts };
  } finally {
    await client.close();
  }
}

function stage(dir, manifest) {
  mkdirSync(join(dir, 'dist'));
  for (const file of BUNDLE) cpSync(join(root, 'dist', file), join(dir, 'dist', file));
  mkdirSync(join(dir, 'agents'));
  for (const file of readdirSync(join(root, 'agents')).filter((name) => name.endsWith('.md'))) cpSync(join(root, 'agents', file), join(dir, 'agents', file));
  cpSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
  cpSync(join(root, 'src', 'mcp', 'icon.png'), join(dir, ICON));
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

const mcpbCli = join(dirname(fileURLToPath(import.meta.resolve('@anthropic-ai/mcpb'))), 'cli', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'dem-pack-'));
try {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = manifestFor(pkg, await servedLists(work));
  const dir = join(work, 'bundle');
  mkdirSync(dir);
  stage(dir, manifest);
  mkdirSync(dirname(out), { recursive: true });
  // The registry's own CLI validates the manifest and writes the archive.
  const packed = spawnSync(process.execPath, [mcpbCli, 'pack', dir, out], { stdio: ['ignore', 2, 2] });
  if (packed.status !== 0) throw new Error(`mcpb pack failed (exit ${packed.status})`);
  process.stderr.write(`pack:mcpb: wrote ${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
