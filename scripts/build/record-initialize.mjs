// Records the freshly built bundle's answer to `initialize`, which the launcher replays before the
// bundle loads (src/early-initialize.ts). Asked of dist/server.cjs itself, not of the launcher,
// so the record is the server's own answer. A failure only warns: the launcher then has no
// record and every start waits for the bundle, as before.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';

export async function recordInitialize(bundle) {
  const work = mkdtempSync(join(tmpdir(), 'dem-record-'));
  try {
    const { protocolVersion, ...result } = await ask(bundle, work);
    if (protocolVersion !== LATEST_PROTOCOL_VERSION) throw new Error(`answered protocol ${protocolVersion}, not ${LATEST_PROTOCOL_VERSION}`);
    return { supportedVersions: SUPPORTED_PROTOCOL_VERSIONS, latestVersion: LATEST_PROTOCOL_VERSION, result };
  } catch (error) {
    process.stderr.write(`build: initialize answer not recorded (${error.message}); every start waits for the bundle\n`);
    return undefined;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function ask(bundle, work) {
  const env = { PATH: process.env.PATH ?? '', HOME: work, DATA_ENGINEER_PROJECT: work, DATA_ENGINEER_MEMORY_DIR: join(work, 'memory'), DATA_ENGINEER_LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, [resolve(bundle)], { env, cwd: work, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill(), 30_000);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { result, error } = JSON.parse(line);
      if (result) resolve(result);
      else reject(new Error(JSON.stringify(error)));
      child.stdin.end();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before answering: ${stderr.trim()}`));
    });
    const clientInfo = { name: 'build', version: '0' };
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo } })}\n`);
  });
}
