import { readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROMPTS, keptIndexHooks, notes } from '../support/kept-index-hooks.js';

// A capture past the archive cap archives the oldest memory, which rewrites the store: the next
// prompt's recall cannot take that as an append to the search index kept beside the store. The
// capture keeps the index for the store it wrote, so that recall is answered from it, exactly as
// from an index built from the store.

const CAP = 20;
let hooks: ReturnType<typeof keptIndexHooks>;
beforeEach(() => {
  hooks = keptIndexHooks('dem-recall-rewrite-', { maxMemoriesPerAgent: CAP, captureWith: 'cached' });
});
afterEach(() => rmSync(hooks.root, { recursive: true, force: true }));

const capture: ReturnType<typeof keptIndexHooks>['capture'] = (...args) => hooks.capture(...args);
const ask: ReturnType<typeof keptIndexHooks>['ask'] = (...args) => hooks.ask(...args);
const fast: ReturnType<typeof keptIndexHooks>['fast'] = (...args) => hooks.fast(...args);
const writeIdNow = () => (JSON.parse(readFileSync(hooks.storePath, 'utf8')) as { writeId?: string }).writeId;

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
      expect(answer).toEqual(await ask(text, `plain-${i}`, hooks.plain));
    }
    const kept = readFileSync(hooks.indexPath);
    rmSync(hooks.indexPath);
    await ask(PROMPTS[0]!, 'built');
    expect(readFileSync(hooks.indexPath).equals(kept)).toBe(true);
  });

  it('is left to the recall after a capture that appended (which it takes as an append), and by a capture that keeps nothing', async () => {
    await capture(notes(0, 5));
    await ask(PROMPTS[0]!, 'keep');
    const kept = readFileSync(hooks.indexPath);
    await capture(notes(300, 2));
    expect(readFileSync(hooks.indexPath).equals(kept), 'an append: not kept again').toBe(true);
    rmSync(hooks.indexPath);
    await capture(notes(0, CAP + 5), hooks.plain);
    expect(() => readFileSync(hooks.indexPath), 'no build to tie it to').toThrow();
  });
});
