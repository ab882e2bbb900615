import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/server-process.js';

const root = tempDir('dem-cli-config-');
const project = join(root, 'shop');
mkdirSync(project);
const home = join(root, 'home');
const entry = resolve(import.meta.dirname, '../../dist/cli.js');
/** Linux's place for Claude Desktop's config, under the temp HOME the bin is given. */
const desktopConfig = join(home, '.config', 'Claude', 'claude_desktop_config.json');
const cli = (...args: string[]) => runCli(['--project', project, ...args], { env: { HOME: home }, cwd: root });

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('config', () => {
  it('prints the claude mcp add line with --scope project and this installation\'s absolute entry', () => {
    const run = cli('config', 'claude-code');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`claude mcp add --scope project data-engineer -- node ${entry}\n`);
    expect(run.stderr).toMatch(/approve/u);
  });

  it('prints the Claude Desktop block with DATA_ENGINEER_PROJECT, and the Inspector command', () => {
    const desktop = JSON.parse(cli('config', 'claude-desktop').stdout);
    expect(desktop).toEqual({ mcpServers: { 'data-engineer': { command: process.execPath, args: [entry], env: { DATA_ENGINEER_PROJECT: project } } } });
    expect(cli('config', 'inspector').stdout).toBe(`npx @modelcontextprotocol/inspector -e DATA_ENGINEER_PROJECT=${project} node ${entry}\n`);
  });

  it('passes the memory folder on when it was chosen explicitly', () => {
    const run = cli('--memory-dir', join(root, 'mem'), 'config', 'claude-code');
    expect(run.stdout).toContain(`-e DATA_ENGINEER_MEMORY_DIR=${join(root, 'mem')} data-engineer`);
  });

  it('answers an unknown client with exit 2', () => {
    expect(cli('config', 'cursor').code).toBe(2);
  });
});

describe('config claude-desktop --write', () => {
  it('merges the entry into an existing config, keeping every other server and setting, after a backup copy', () => {
    mkdirSync(dirname(desktopConfig), { recursive: true });
    const existing = {
      globalShortcut: 'Ctrl+Space',
      mcpServers: { filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] }, 'data-engineer': { command: 'old' } },
    };
    const before = JSON.stringify(existing, null, 4);
    writeFileSync(desktopConfig, before);
    const run = cli('config', 'claude-desktop', '--write');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Replaced "data-engineer" in .*claude_desktop_config\.json; the file as it was is at .*\.bak\./u);
    const written = JSON.parse(readFileSync(desktopConfig, 'utf8'));
    expect(written).toEqual({
      globalShortcut: 'Ctrl+Space',
      mcpServers: { filesystem: existing.mcpServers.filesystem, 'data-engineer': { command: process.execPath, args: [entry], env: { DATA_ENGINEER_PROJECT: project } } },
    });
    const backups = readdirSync(dirname(desktopConfig)).filter((name) => name.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dirname(desktopConfig), backups[0]!), 'utf8')).toBe(before);
  });

  it('refuses a config that is not valid JSON with exit 1 and changes nothing', () => {
    const file = join(root, 'broken', 'claude_desktop_config.json');
    mkdirSync(dirname(file));
    writeFileSync(file, '{ "mcpServers": { ');
    const run = cli('config', 'claude-desktop', '--write', '--file', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not valid JSON .*Nothing was changed/u);
    expect(readFileSync(file, 'utf8')).toBe('{ "mcpServers": { ');
    expect(readdirSync(dirname(file))).toEqual(['claude_desktop_config.json']);
  });

  it('creates the config, with its folder, when Claude Desktop has none yet', () => {
    const file = join(root, 'fresh', 'Claude', 'claude_desktop_config.json');
    expect(cli('config', 'claude-desktop', '--write', '--file', file).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers)).toEqual(['data-engineer']);
  });
});
