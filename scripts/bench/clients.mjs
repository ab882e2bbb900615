import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** What every spawned server gets besides its own settings: nothing else of the bench's environment leaks in. */
export const CLEAN_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };

export async function connect(args, env) {
  const transport = new StdioClientTransport({ command: process.execPath, args, env: { ...CLEAN_ENV, ...env }, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  return { client, pid: transport.pid, close: () => client.close() };
}

/** Our server on a fresh project folder and memory folder under `root`. */
export function startOurs(root, entry, cap = 1_000_000) {
  const project = join(root, 'project');
  const memoryDir = join(root, 'memory');
  mkdirSync(project, { recursive: true });
  mkdirSync(memoryDir, { recursive: true });
  // By default no archive cap: the benchmark measures search and prompts over every memory it loads.
  const env = { DATA_ENGINEER_PROJECT: project, DATA_ENGINEER_MEMORY_DIR: memoryDir, DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: String(cap) };
  return { project, memoryDir, env, start: () => connect([entry], env) };
}

/** Any other stdio server script, spawned the same way with the same environment. */
export function startScript(script, env) {
  return connect([script], env);
}

export function writeOurStore(memoryDir, key, text) {
  writeFileSync(join(memoryDir, `${key}.json`), text);
}

/** The reference @modelcontextprotocol/server-memory on a JSONL graph file. */
export async function startReference(root, entry, graph) {
  mkdirSync(root, { recursive: true });
  const file = join(root, 'memory.jsonl');
  writeFileSync(file, graph);
  return connect([entry], { MEMORY_FILE_PATH: file });
}
