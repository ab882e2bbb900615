// Fills plugin/ (the Claude Code plugin the marketplace in .claude-plugin/ offers) with what the
// build makes: Claude Code copies an installed plugin into its own cache and the copy may use
// nothing outside its folder, so it gets the self-contained bundle (no node_modules), the
// claude-mpm agent files the server serves, and the subagents generated from them. The server
// lives in plugin/server/ so that plugin/agents/ holds only Claude Code subagents: the server
// reads <its package root>/agents, which there is plugin/server/agents.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function buildPlugin() {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const manifest = JSON.parse(readFileSync('plugin/.claude-plugin/plugin.json', 'utf8'));
  if (manifest.version !== pkg.version) throw new Error(`plugin/.claude-plugin/plugin.json version ${manifest.version} differs from package.json ${pkg.version}`);
  rmSync('plugin/server', { recursive: true, force: true });
  rmSync('plugin/agents', { recursive: true, force: true });
  mkdirSync('plugin/server/dist', { recursive: true });
  mkdirSync('plugin/server/agents');
  // The server reads its version from <package root>/package.json; nothing else of it is needed.
  writeFileSync('plugin/server/package.json', `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true }, null, 2)}\n`);
  for (const file of readdirSync('dist')) {
    if (file.endsWith('.map')) continue;
    copyFileSync(join('dist', file), join('plugin/server/dist', file));
  }
  for (const file of readdirSync('agents').filter((name) => name.endsWith('.md'))) copyFileSync(join('agents', file), join('plugin/server/agents', file));

  const generator = 'dist/.plugin-subagents.cjs';
  await build({ entryPoints: ['scripts/build/plugin-subagents.ts'], outfile: generator, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  try {
    const { writeSubagents } = createRequire(import.meta.url)(`../../${generator}`);
    for (const note of writeSubagents('agents', 'plugin/agents')) process.stderr.write(`build: ${note}\n`);
  } finally {
    rmSync(generator, { force: true });
  }
}
