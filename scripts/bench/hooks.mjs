// The Claude Code hooks as Claude Code runs them: a fresh `node dist/cli.js <hook>` process per
// event, hook JSON on stdin, timed from spawn to exit (what the session waits for).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUERIES, memoryText, storeFile } from './fixtures.mjs';
import { summarise, timeEach } from './stats.mjs';

function runHook(entry, hook, input, env) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [entry, hook], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${hook} exited ${code}`))));
    child.stdin.end(JSON.stringify(input));
  });
}

const block = (n) => `# Add To Memory:\nType: performance\nContent: ${memoryText(9_000_000 + n)}\n#`;

/** A project whose store holds `size` bench memories; `cap` undefined leaves the default archive cap. */
async function hookStore(root, entry, size, cap) {
  const project = join(root, 'project');
  const memoryDir = join(root, 'memory');
  mkdirSync(project, { recursive: true });
  const env = { PATH: process.env.PATH ?? '', HOME: root, DATA_ENGINEER_MEMORY_DIR: memoryDir, CLAUDE_PLUGIN_DATA: join(root, 'plugin-data'), ...(cap ? { DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: cap } : {}) };
  const base = { cwd: project, session_id: 'bench', transcript_path: join(root, 'none.jsonl') };
  // The first capture creates the store and so names it; the fixture then replaces it.
  await runHook(entry, 'capture', { ...base, hook_event_name: 'Stop', last_assistant_message: block(-1) }, env);
  const [file] = readdirSync(memoryDir).filter((name) => name.endsWith('.json'));
  writeFileSync(join(memoryDir, file), storeFile(size, { name: 'project', root: project }));
  return { env, base };
}

/** Recalls each right after a capture that stored one block: the store changed since the index was kept. */
async function recallsAfterCaptures(entry, env, base, count) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    await runHook(entry, 'capture', { ...base, hook_event_name: 'Stop', last_assistant_message: block(1_000_000 + i) }, env);
    const start = performance.now();
    await runHook(entry, 'recall', { ...base, hook_event_name: 'UserPromptSubmit', session_id: `bench-after-${i}`, prompt: `Design the ${QUERIES[i % QUERIES.length]} pipeline` }, env);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

export async function benchHooks(root, entry, size, row) {
  // No archive cap here, as in the server rows: every memory is active and searched.
  const { env, base } = await hookStore(root, entry, size, '1000000');
  const iterations = 15;
  const n = size.toLocaleString('en-US');
  const timed = (hook, input) => timeEach(iterations, (i) => runHook(entry, hook, { ...base, ...input(i) }, env));
  row(`hook context (SessionStart) at ${n}, ms`, await timed('context', () => ({ hook_event_name: 'SessionStart', source: 'startup' })));
  // A new session each time, so every prompt is searched rather than answered "already given".
  row(`hook recall (UserPromptSubmit) at ${n}, ms`, await timed('recall', (i) => ({ hook_event_name: 'UserPromptSubmit', session_id: `bench-${i}`, prompt: `Design the ${QUERIES[i % QUERIES.length]} pipeline` })));
  row(`hook capture (Stop), reply with 2 new blocks, at ${n}, ms`, await timed('capture', (i) => ({ hook_event_name: 'Stop', last_assistant_message: `Done.\n${block(2 * i)}\n${block(2 * i + 1)}` })));
  row(`hook capture (Stop), reply without blocks, at ${n}, ms`, await timed('capture', () => ({ hook_event_name: 'Stop', last_assistant_message: 'Done, no learnings.' })));
  // The rows above read what the hooks kept beside an unchanged store; a capture that stores
  // changes it, and the next recall catches its index up (README "Performance").
  row(`hook recall (UserPromptSubmit) right after a capture stored, at ${n}, ms`, await recallsAfterCaptures(entry, env, base, 5));
}

/**
 * The same store under the default archive cap (1,000 active per agent), as a user with that many
 * memories has it: past the cap every capture that stores archives the oldest, which rewrites the
 * file, and the recall after it cannot take the change as an append (README "Performance").
 */
export async function benchHooksAtCap(root, entry, size, row) {
  const { env, base } = await hookStore(root, entry, size, undefined);
  // The first add past the cap archives the overflow in one pass; timed in the server rows.
  await runHook(entry, 'capture', { ...base, hook_event_name: 'Stop', last_assistant_message: block(-2) }, env);
  const n = size.toLocaleString('en-US');
  row(`hook capture (Stop), reply with 2 new blocks, at ${n}, default archive cap, ms`, await timeEach(10, (i) => runHook(entry, 'capture', { ...base, hook_event_name: 'Stop', last_assistant_message: `Done.\n${block(2 * i)}\n${block(2 * i + 1)}` }, env)));
  row(`hook recall (UserPromptSubmit) right after a capture stored, at ${n}, default archive cap, ms`, await recallsAfterCaptures(entry, env, base, 5));
}
