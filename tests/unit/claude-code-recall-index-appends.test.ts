import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HookSettings } from '../../src/claude-code/run-hook.js';
import { PROMPTS, keptIndexHooks, notes } from '../support/kept-index-hooks.js';

// A capture that stores appends to the store, so the next prompt's recall finds the search index
// kept for the store as it was before (<store>.recall.index). The recall adds the appended
// records to that index instead of building it from the store again, and must then answer
// exactly what an index built from the store answers; any other change is built afresh.

let hooks: ReturnType<typeof keptIndexHooks>;
let plain: HookSettings;
let storePath: string;
let indexPath: string;

beforeEach(() => {
  hooks = keptIndexHooks('dem-recall-appends-');
  ({ plain, storePath, indexPath } = hooks);
});
afterEach(() => rmSync(hooks.root, { recursive: true, force: true }));

const capture: ReturnType<typeof keptIndexHooks>['capture'] = (...args) => hooks.capture(...args);
const ask: ReturnType<typeof keptIndexHooks>['ask'] = (...args) => hooks.ask(...args);
const fast: ReturnType<typeof keptIndexHooks>['fast'] = (...args) => hooks.fast(...args);
let sessions = 0;
/** The fast path answers every prompt as the hooks bundle answers it with nothing kept (each in a new session). */
async function expectFastAsBuilt(what: string): Promise<void> {
  for (const text of PROMPTS) {
    const session = `s-${sessions++}`;
    const built = await ask(text, `plain-${session}`, plain);
    expect(await fast(text, `fast-${session}`), `${what}: ${text}`).toEqual(built);
  }
}
/** After a change the kept index cannot take: the hooks bundle builds it afresh, answering as without it, and keeps it. */
async function expectBuiltAfresh(): Promise<void> {
  expect(await fast(PROMPTS[0]!, `fast-${sessions}`), 'the fast path leaves it to the hooks bundle').toBeUndefined();
  expect(await ask(PROMPTS[0]!, `kept-${sessions}`)).toEqual(await ask(PROMPTS[0]!, `plain-${sessions++}`, plain));
  await expectFastAsBuilt('built afresh and kept again');
}
/** Writes `records` over the store's end exactly as an append of the store writes them. */
const appendByHand = (...records: unknown[]) => writeFileSync(storePath, `${readFileSync(storePath, 'utf8').slice(0, -'\n]}\n'.length)}${records.map((record) => `,\n${JSON.stringify(record)}`).join('')}\n]}\n`);
const record = (id: string, content: string, extra: Record<string, unknown> = {}) => ({ id, agent: 'data_engineer', type: 'pattern', content, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...extra });
const storedIds = () => (JSON.parse(readFileSync(storePath, 'utf8')) as { memories: Array<{ id: string; archivedAt?: string }> }).memories;

describe('the search index kept beside the store, after an append to the store', () => {
  it("takes the captures' appended memories and answers as an index built from the store, without being kept again", async () => {
    await capture(notes(0, 25));
    await ask(PROMPTS[0]!, 'keep');
    const kept = readFileSync(indexPath);
    await capture(notes(300, 3));
    await expectFastAsBuilt('one append');
    expect(JSON.stringify(await fast('note 302 invoices', 'appended'))).toContain('(note 302)');
    await capture(notes(303, 2));
    await expectFastAsBuilt('two appends since it was kept');
    expect(readFileSync(indexPath).equals(kept), 'not kept again for 5 records').toBe(true);
  });

  it('is kept again once it took 16 records, byte for byte as a build from the store keeps it', async () => {
    await capture(notes(0, 25));
    await ask(PROMPTS[0]!, 'keep');
    await capture(notes(300, 16));
    await expectFastAsBuilt('16 records appended');
    const rekept = readFileSync(indexPath);
    rmSync(indexPath);
    await ask(PROMPTS[0]!, 'built');
    expect(readFileSync(indexPath).equals(rekept)).toBe(true);
  });

  it.each([
    ['a hand edit of an earlier line, then an append', () => {
      writeFileSync(storePath, readFileSync(storePath, 'utf8').replace('(note 3)', '(note 9)'));
      appendByHand(record('h1', 'Cache the orders table by day'));
    }],
    ['a rewrite of the same memories', () => writeFileSync(storePath, readFileSync(storePath, 'utf8').replace(/"writeId":"[^"]+"/u, '"writeId":"rewrittenNow"'))],
    ['an appended record a read refuses', () => appendByHand(record('bad1', 'Partition the refunds table by day', { type: 'Pattern' }))],
    ['an appended record under the id of an active memory', () => appendByHand(record(storedIds()[3]!.id, 'Partition the clicks table by hour'))],
    ['two appended records under one new id', () => appendByHand(record('twin', 'Partition the clicks table by hour'), record('twin', 'Partition the events table by hour'))],
    ['an append written otherwise than the store writes one', () => writeFileSync(storePath, readFileSync(storePath, 'utf8').replace(/\n\]\}\n$/u, `, ${JSON.stringify(record('sp1', 'Partition the orders table by hour'))}\n]}\n`))],
  ])('is built afresh after %s', async (_, change) => {
    await capture(notes(0, 25));
    await ask(PROMPTS[0]!, 'keep');
    change();
    await expectBuiltAfresh();
  });

  it('answers as an index built from the store after captures and recalls ran at once', async () => {
    await capture(notes(0, 25));
    await ask(PROMPTS[0]!, 'keep');
    await Promise.all([
      ...[0, 1, 2, 3].map((i) => capture(notes(400 + 10 * i, 3))),
      ...PROMPTS.map((text, i) => ask(text, `during-${i}`)),
      ...PROMPTS.map((text, i) => fast(text, `fast-during-${i}`)),
    ]);
    expect(storedIds()).toHaveLength(25 + 12);
    expect(await ask(PROMPTS[1]!, 'after')).toEqual(await ask(PROMPTS[1]!, 'after-plain', plain));
    await expectFastAsBuilt('after the storm');
  });

  it('leaves a store caught mid-append (cut short) to the hooks bundle, which answers as without the index', async () => {
    await capture(notes(0, 25));
    await ask(PROMPTS[0]!, 'keep');
    const text = readFileSync(storePath, 'utf8');
    writeFileSync(storePath, `${text.slice(0, -'\n]}\n'.length)},\n${JSON.stringify(record('torn1', 'Partition the clicks table by hour')).slice(0, 30)}`);
    expect(await fast(PROMPTS[0]!, 'fast')).toBeUndefined();
    expect(await ask(PROMPTS[0]!, 'kept-torn')).toEqual(await ask(PROMPTS[0]!, 'plain-torn', plain));
  });

  it('is built afresh after an appended record under the id of an archived memory', async () => {
    await capture(notes(0, 25));
    await capture(notes(100, 1), { ...plain, maxMemoriesPerAgent: 20 });
    const archived = storedIds().find((memory) => memory.archivedAt !== undefined)!;
    await ask(PROMPTS[0]!, 'keep');
    await capture(notes(200, 1), { ...plain, maxMemoriesPerAgent: 1_000 });
    await expectFastAsBuilt('an append after the archive');
    appendByHand(record(archived.id, 'Partition the clicks table by hour'));
    await expectBuiltAfresh();
  });

  it('of a store read with flaws (a record refused) is kept for those bytes alone', async () => {
    await capture(notes(0, 25));
    appendByHand(record('bad1', 'Partition the refunds table by day', { type: 'Pattern' }));
    await ask(PROMPTS[0]!, 'keep');
    expect(await fast(PROMPTS[0]!, 'fast'), 'kept for the flawed store').toEqual(await ask(PROMPTS[0]!, 'plain', plain));
    appendByHand(record('new1', 'Partition the clicks table by hour'));
    await expectBuiltAfresh();
  });
});
