import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HookSettings, runHook } from '../../src/claude-code/run-hook.js';
import { readConfig } from '../../src/config.js';
import { fastAnswer } from '../../src/hooks-fast.js';
import { hookFolders } from '../support/hook-folders.js';

// A capture past the archive cap archives the oldest memory, which rewrites the store: the next
// prompt's recall cannot take that as an append to the search index kept beside the store. The
// capture keeps the index for the store it wrote, so that recall is answered from it, exactly as
// from an index built from the store.

let root: string;
let project: string;
let plain: HookSettings;
let cached: HookSettings;
let storePath: string;
let indexPath: string;

const CAP = 20;
beforeEach(() => {
  ({ root, project, settings: plain, storePath } = hookFolders('dem-recall-rewrite-', { sessionDir: (dir) => join(dir, 'plugin-data', 'sessions') }));
  plain = { ...plain, maxMemoriesPerAgent: CAP };
  cached = { ...plain, analysisCacheCode: 'build-1' };
  indexPath = `${storePath}.recall.index`;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const TOPICS = ['events', 'orders', 'invoices', 'refunds', 'clicks'];
const notes = (from: number, count: number) => Array.from({ length: count }, (_, i) => `Partition the ${TOPICS[(from + i) % TOPICS.length]} table by day (note ${from + i})`);
const capture = (contents: string[], settings = cached) =>
  runHook('capture', JSON.stringify({ cwd: project, hook_event_name: 'Stop', last_assistant_message: contents.map((content) => `# Add To Memory:\nType: performance\nContent: ${content}\n#`).join('\n') }), settings);
const prompt = (text: string, session: string) => JSON.stringify({ cwd: project, session_id: session, hook_event_name: 'UserPromptSubmit', prompt: text });
const ask = (text: string, session: string, settings = cached) => runHook('recall', prompt(text, session), settings);
const env = () => ({ CLAUDE_PLUGIN_DATA: join(root, 'plugin-data'), DATA_ENGINEER_MEMORY_DIR: plain.memoryDir });
const fast = (text: string, session: string) => fastAnswer('recall', prompt(text, session), { config: readConfig({}, env(), root), build: 'build-1', env: env() });
const PROMPTS = ['Partition the events table by day', 'orders table partition', 'note 302 invoices', 'refunds by day note 21'];
const writeIdNow = () => (JSON.parse(readFileSync(storePath, 'utf8')) as { writeId?: string }).writeId;

describe('the search index after a capture that rewrote the store', () => {
  it('is kept by that capture: the next prompts are answered from it as by an index built from the store, and it is the one a build keeps', async () => {
    await capture(notes(0, CAP));
    await ask(PROMPTS[0]!, 'keep');
    const before = writeIdNow();
    expect((await capture(notes(300, 3))).systemMessage).toMatch(/Saved 3 memories/u);
    expect(writeIdNow(), 'past the cap: a whole rewrite').not.toBe(before);
    for (const [i, text] of PROMPTS.entries()) {
      const answer = await fast(text, `fast-${i}`);
      expect(answer, `answered from the kept index: ${text}`).toBeDefined();
      expect(answer).toEqual(await ask(text, `plain-${i}`, plain));
    }
    const kept = readFileSync(indexPath);
    rmSync(indexPath);
    await ask(PROMPTS[0]!, 'built');
    expect(readFileSync(indexPath).equals(kept)).toBe(true);
  });

  it('is left to the recall after a capture that appended (which it takes as an append), and by a capture that keeps nothing', async () => {
    await capture(notes(0, 5));
    await ask(PROMPTS[0]!, 'keep');
    const kept = readFileSync(indexPath);
    await capture(notes(300, 2));
    expect(readFileSync(indexPath).equals(kept), 'an append: not kept again').toBe(true);
    rmSync(indexPath);
    await capture(notes(0, CAP + 5), plain);
    expect(() => readFileSync(indexPath), 'no build to tie it to').toThrow();
  });
});
