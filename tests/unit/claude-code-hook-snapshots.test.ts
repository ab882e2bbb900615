import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hookInputSchema, isHookInput } from '../../src/claude-code/hook-input.js';
import { type HookName, type HookSettings, runHook } from '../../src/claude-code/run-hook.js';
import { readConfig } from '../../src/config.js';
import { fastAnswer } from '../../src/hooks-fast.js';
import { resolveProject, storePathFor } from '../../src/domain/project.js';
import { hookFolders } from '../support/hook-folders.js';

// What the Claude Code hooks keep beside a JSON store so the next hook process need not parse it
// (<store>.context.cache). Derived data only: whatever those files hold, each hook must answer
// exactly what it answers without them (the settings without a build, as the CLI run from source).

let root: string;
let project: string;
let plain: HookSettings;
let cached: HookSettings;
let storePath: string;

beforeEach(() => {
  ({ root, project, settings: plain, storePath } = hookFolders('dem-hook-snapshots-', { sessionDir: (dir) => join(dir, 'plugin-data', 'sessions'), promptMemoryChars: 1_000 }));
  cached = { ...plain, analysisCacheCode: 'build-1' };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const run = (name: HookName, input: Record<string, unknown>, settings = cached) => runHook(name, JSON.stringify({ cwd: project, session_id: 's-1', ...input }), settings);
const block = (type: string, content: string) => `# Add To Memory:\nType: ${type}\nContent: ${content}\n#`;
const TOPICS = ['events', 'orders', 'invoices', 'sessions', 'payments', 'clicks', 'refunds', 'carts'];
const HOW = ['by event_date', 'with idempotent upserts', 'in hourly micro-batches', 'behind a dead letter queue', 'with Z-ordering on user_id'];

/** Enough memories that the 1,000-character summary shows only some of them. */
async function fill(count: number, from = 0): Promise<void> {
  const blocks: string[] = [];
  for (let i = from; i < from + count; i++) blocks.push(block(i % 3 === 0 ? 'mistake' : 'performance', `Partition the ${TOPICS[i % TOPICS.length]} table ${HOW[i % HOW.length]} (note ${i})`));
  await run('capture', { hook_event_name: 'Stop', last_assistant_message: blocks.join('\n') }, plain);
}

const START = { hook_event_name: 'SessionStart', source: 'startup' };

describe('the session start summary kept beside the store (<store>.context.cache)', () => {
  it('is the summary computed afresh, when written and when read back', async () => {
    await fill(30);
    const fresh = await run('context', START, plain);
    expect(fresh.hookSpecificOutput?.additionalContext).toContain('Showing');
    expect(await run('context', START), 'first: computed, then kept').toEqual(fresh);
    expect(existsSync(`${storePath}.context.cache`)).toBe(true);
    expect(await run('context', START), 'second: read back').toEqual(fresh);
  });

  it('serves a session start on the same store bytes from the file (the store is not read)', async () => {
    await fill(5);
    await run('context', START);
    const file = `${storePath}.context.cache`;
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { value: { text: string } };
    kept.value.text = 'served from the cache';
    writeFileSync(file, JSON.stringify(kept));
    expect((await run('context', START)).hookSpecificOutput?.additionalContext).toBe('served from the cache');
  });

  it('is computed afresh once the store changed: an add, a hand edit of the same length', async () => {
    await fill(5);
    await run('context', START);
    await fill(3, 100);
    expect(await run('context', START)).toEqual(await run('context', START, plain));
    expect((await run('context', START)).hookSpecificOutput?.additionalContext).toContain('(note 102)');

    const text = readFileSync(storePath, 'utf8');
    writeFileSync(storePath, text.replace('(note 102)', '(note 103)'));
    const edited = await run('context', START);
    expect(edited).toEqual(await run('context', START, plain));
    expect(edited.hookSpecificOutput?.additionalContext).toContain('(note 103)');
  });

  it.each([
    ['garbage', 'not json at all'],
    ['cut short', '{"format":1,"code":"build-1","key":'],
    ['another format', null],
    ['another build', null],
    ['a value of the wrong shape', null],
  ])('is computed afresh and written anew when the file is %s', async (what, contents) => {
    await fill(12);
    await run('context', START);
    const file = `${storePath}.context.cache`;
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const forged = { ...kept, value: { text: 'forged', shown: [] } };
    const bad = contents ?? JSON.stringify(what === 'another format' ? { ...forged, format: 99 } : what === 'another build' ? { ...forged, code: 'build-0' } : { ...kept, value: { text: 3 } });
    writeFileSync(file, bad);
    expect(await run('context', START)).toEqual(await run('context', START, plain));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(kept);
  });

  it('keeps nothing for a store it could not read, and answers it as before', async () => {
    mkdirSync(plain.memoryDir, { recursive: true });
    writeFileSync(storePath, 'not json');
    const output = await run('context', START);
    expect(output.systemMessage).toMatch(/not valid JSON/u);
    expect(existsSync(`${storePath}.context.cache`)).toBe(false);
  });
});

describe('the fast path (dist/hooks-fast.cjs), which answers only from what was kept', () => {
  const env = () => ({ CLAUDE_PLUGIN_DATA: join(root, 'plugin-data'), DATA_ENGINEER_MEMORY_DIR: plain.memoryDir, DATA_ENGINEER_PROMPT_MEMORY_CHARS: String(plain.promptMemoryChars) });
  const fast = (name: HookName, input: Record<string, unknown>, build = 'build-1') =>
    fastAnswer(name, JSON.stringify({ cwd: project, session_id: 's-1', ...input }), { config: readConfig({}, env(), root), build, env: env() });

  it('answers a session start exactly as the hooks bundle does, once that one kept the summary, and remembers what it gave', async () => {
    await fill(30);
    expect(await fast('context', START), 'nothing kept yet').toBeUndefined();
    const full = await run('context', START);
    expect(await fast('context', { ...START, session_id: 's-2' })).toEqual(full);
    expect(await run('recall', { session_id: 's-2', prompt: 'Partition the events table by event_date' })).toEqual(await run('recall', { session_id: 's-1', prompt: 'Partition the events table by event_date' }));
    expect(await fast('context', START, 'build-0'), 'another build kept it').toBeUndefined();
    await fill(1, 200);
    expect(await fast('context', START), 'the store changed since').toBeUndefined();
  });

  it('leaves every doubt to the hooks bundle: other hooks, input the schema refuses, an unknown project folder', async () => {
    await fill(3);
    await run('context', START);
    expect(await fast('capture', { hook_event_name: 'Stop', last_assistant_message: block('pattern', 'Batch the nightly export of invoices') })).toBeUndefined();
    expect(await fast('context', { ...START, session_id: 'x'.repeat(201) })).toBeUndefined();
    expect(await fast('context', { ...START, cwd: join(root, 'missing') })).toBeUndefined();
    expect(await fastAnswer('context', 'not json', { config: readConfig({}, env(), root), build: 'build-1', env: env() })).toBeUndefined();
  });

  it('checks hook input as hookInputSchema() does', () => {
    const long = (n: number) => 'x'.repeat(n);
    const inputs: unknown[] = [
      null, [], 'text', 3, {}, { cwd: '' }, { cwd: 3 }, { cwd: '/p' }, { cwd: long(4_096) }, { cwd: long(4_097) }, { cwd: '/p', extra: { any: 1 } },
      { cwd: '/p', session_id: long(200) }, { cwd: '/p', session_id: long(201) }, { cwd: '/p', session_id: null }, { cwd: '/p', prompt: long(100_000) },
      { cwd: '/p', prompt: 3 }, { cwd: '/p', hook_event_name: long(65) }, { cwd: '/p', source: long(64) }, { cwd: '/p', agent_type: long(201) },
      { cwd: '/p', transcript_path: long(4_097) }, { cwd: '/p', agent_transcript_path: long(4_096) }, { cwd: '/p', last_assistant_message: false },
    ];
    for (const input of inputs) expect(isHookInput(input), JSON.stringify(input).slice(0, 60)).toBe(hookInputSchema().safeParse(input).success);
  });
});

describe('the search index kept beside the store (<store>.recall.index)', () => {
  const PROMPTS = ['Partition the events table by event_date', 'upserts for the orders table', 'Z-ordering user_id for clicks', 'hourly micro-batch partiton', 'hello'];
  const prompt = (text: string, session: string) => ({ hook_event_name: 'UserPromptSubmit', session_id: session, prompt: text });
  const env = () => ({ CLAUDE_PLUGIN_DATA: join(root, 'plugin-data'), DATA_ENGINEER_MEMORY_DIR: plain.memoryDir });
  const fast = (text: string, session: string) => fastAnswer('recall', JSON.stringify({ cwd: project, ...prompt(text, session) }), { config: readConfig({}, env(), root), build: 'build-1', env: env() });
  /** Each prompt in a new session of its own, with the cache and without: the same answers. */
  async function expectSameAnswers(round: string): Promise<void> {
    for (const [i, text] of PROMPTS.entries()) {
      expect(await run('recall', prompt(text, `${round}-kept-${i}`)), text).toEqual(await run('recall', prompt(text, `${round}-plain-${i}`), plain));
    }
  }

  it('gives the recall computed afresh, when kept and when read back, and serves the fast path once kept', async () => {
    await fill(40);
    expect(await fast(PROMPTS[0]!, 'f-0'), 'nothing kept yet').toBeUndefined();
    await expectSameAnswers('first');
    expect(existsSync(`${storePath}.recall.index`)).toBe(true);
    await expectSameAnswers('second');
    for (const [i, text] of PROMPTS.entries()) expect(await fast(text, `fast-${i}`), text).toEqual(await run('recall', prompt(text, `fast-plain-${i}`), plain));
  });

  it('is built afresh when the file is garbage, cut short or of another build (appends: claude-code-recall-index-appends.test.ts)', async () => {
    await fill(20);
    await run('recall', prompt(PROMPTS[0]!, 'k'));
    await expectSameAnswers('kept');
    const file = `${storePath}.recall.index`;
    const kept = readFileSync(file);
    for (const bad of [Buffer.from('garbage'), kept.subarray(0, kept.length - 100), Buffer.concat([kept, Buffer.from('x')])]) {
      writeFileSync(file, bad);
      expect(await fast(PROMPTS[0]!, 'f-2')).toBeUndefined();
      await expectSameAnswers(`bad-${bad.length}`);
      expect(readFileSync(file).equals(kept), 'written anew').toBe(true);
    }
    expect(await runHook('recall', JSON.stringify({ cwd: project, ...prompt(PROMPTS[0]!, 'other-build') }), { ...cached, analysisCacheCode: 'build-2' })).toEqual(await run('recall', prompt(PROMPTS[0]!, 'other-build-plain'), plain));
    expect(await fast(PROMPTS[0]!, 'f-3'), 'now kept for build-2').toBeUndefined();
  });
});

describe('the fast path of a capture', () => {
  const env = () => ({ DATA_ENGINEER_MEMORY_DIR: plain.memoryDir });
  const fast = (input: Record<string, unknown>) => fastAnswer('capture', JSON.stringify({ cwd: project, session_id: 's-1', hook_event_name: 'Stop', ...input }), { config: readConfig({}, env(), root), build: 'build-1', env: env() });

  it('answers a reply without memory blocks as the hooks bundle does ({}), and leaves every other reply to it', async () => {
    await fill(3);
    const none = { last_assistant_message: 'Done, nothing learnt.' };
    expect(await fast(none)).toEqual({});
    expect(await run('capture', { hook_event_name: 'Stop', ...none }, plain)).toEqual({});
    expect(await fast({ last_assistant_message: block('pattern', 'Batch the nightly export of invoices') })).toBeUndefined();
    expect(await fast({ hook_event_name: 'SubagentStop', agent_type: 'data-engineer:data-engineer', ...none }), 'a subagent: is it ours?').toBeUndefined();
    const transcript = join(root, 'session.jsonl');
    writeFileSync(transcript, JSON.stringify({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: block('pattern', 'Batch the nightly export of invoices') }] } }));
    expect(await fast({ transcript_path: transcript }), 'the transcript\'s last reply holds a block').toBeUndefined();
  });

  it('leaves a reply without blocks to the hooks bundle while a reply waits in the spool or a capture holds one', async () => {
    await fill(3);
    const spool = `${storePathFor(plain.memoryDir, resolveProject(project, 'cwd').key)}.pending.jsonl`;
    const none = { last_assistant_message: 'Done, nothing learnt.' };
    // 4194311: above Linux's largest pid, so no live process holds that claim.
    for (const [i, file] of [spool, `${spool}.4194311.0a1b2c.taken`].entries()) {
      writeFileSync(file, `${JSON.stringify({ agent: 'data_engineer', text: block('pattern', `Batch the nightly export of invoices for region ${i}`) })}\n`);
      expect(await fast(none), file).toBeUndefined();
      expect((await run('capture', { hook_event_name: 'Stop', ...none })).systemMessage).toMatch(/Saved 1 memory/u);
      expect(await fast(none)).toEqual({});
    }
  });
});
