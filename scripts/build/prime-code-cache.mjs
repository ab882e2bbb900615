// Runs the freshly built server once through a short session so that, as it exits, the launcher
// writes V8's code cache for every function a session compiles. Without it the first start
// after a build writes the cache instead; a failure here therefore only warns.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const SESSION = [
  ['initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'build', version: '0' } }],
  ['tools/list', {}],
  ['prompts/list', {}],
  ['resources/list', {}],
  ['tools/call', { name: 'add_memory', arguments: { type: 'pattern', content: 'Partition event tables by ingestion date' } }],
  ['tools/call', { name: 'read_memories', arguments: { query: 'partition' } }],
  ['prompts/get', { name: 'data_engineer', arguments: { task: 'design a partitioned table' } }],
];

export async function primeCodeCache(entry) {
  const work = mkdtempSync(join(tmpdir(), 'dem-build-'));
  try {
    await runSession(entry, work);
  } catch (error) {
    process.stderr.write(`build: code cache not primed (${error.message}); the first start writes it\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runSession(entry, work) {
  const env = { PATH: process.env.PATH ?? '', DATA_ENGINEER_PROJECT: work, DATA_ENGINEER_MEMORY_DIR: join(work, 'memory'), DATA_ENGINEER_LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, [entry], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('no answer within 30 s'));
    }, 30_000);
    let next = 0;
    const ask = () => {
      const [method, params] = SESSION[next];
      send({ id: next, method, params });
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (JSON.parse(line).id !== next) return;
      if (next === 0) send({ method: 'notifications/initialized' });
      next += 1;
      if (next < SESSION.length) ask();
      else child.stdin.end();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && next === SESSION.length) resolve();
      else reject(new Error(`server exited with ${code} after ${next} of ${SESSION.length} answers: ${stderr.trim()}`));
    });
    ask();
  });
}

/**
 * The same for the hooks bundles (dist/hooks.cjs, dist/hooks-fast.cjs): a capture that stores a
 * block, so the cache it leaves holds the store and secret code a hook runs, then recalls.
 */
export async function primeHookCodeCache(entry) {
  const work = mkdtempSync(join(tmpdir(), 'dem-build-'));
  const env = { PATH: process.env.PATH ?? '', HOME: work, DATA_ENGINEER_MEMORY_DIR: join(work, 'memory'), CLAUDE_PLUGIN_DATA: join(work, 'plugin-data') };
  const input = { cwd: work, session_id: 'build', hook_event_name: 'Stop', last_assistant_message: '# Add To Memory:\nType: pattern\nContent: Partition event tables by ingestion date\n#' };
  try {
    const run = (hook, fields) => spawnSync(process.execPath, [entry, hook], { env, input: JSON.stringify({ ...input, ...fields }), encoding: 'utf8', timeout: 30_000 });
    const saved = run('capture', {});
    if (saved.status !== 0 || !saved.stdout.includes('Saved 1 memory')) throw new Error(`capture answered ${saved.status}: ${saved.stdout}${saved.stderr}`);
    // The fast path's cache again from a recall it answers (the capture's holds little of it, and
    // the search is most of its code): the first recall keeps the index, the second reads it.
    const prompt = { hook_event_name: 'UserPromptSubmit', prompt: 'partition the event tables by date', last_assistant_message: undefined };
    run('recall', { ...prompt, session_id: 'build-1' });
    for (const name of readdirSync(dirname(entry))) if (/^hooks-fast\.cjs\..*\.v8-cache$/u.test(name)) rmSync(join(dirname(entry), name));
    const recalled = run('recall', { ...prompt, session_id: 'build-2' });
    if (recalled.status !== 0 || !recalled.stdout.includes('Partition event tables')) throw new Error(`recall answered ${recalled.status}: ${recalled.stdout}${recalled.stderr}`);
  } catch (error) {
    process.stderr.write(`build: hook code cache not primed (${error.message}); the first hook writes it\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
