import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { cachedAnalyses } from '../../src/domain/recall/cached-analyses.js';
import { hashOf } from '../../src/domain/recall/hash-buckets.js';
import { NearDuplicateIndex } from '../../src/domain/recall/near-duplicate-index.js';
import { exactKey, factOf } from '../../src/domain/recall/similarity.js';
import { tempStoreTest as it } from '../support/temp-store.js';

// The facts a capture's duplicate check derives from every stored content, kept beside the store
// (<store>.facts.cache) for the next hook process. Derived data only: whatever the file holds,
// the duplicates found must be those found without it.


const MEMORIES = [
  { id: 'a', content: 'Partition the events table by event_date' },
  { id: 'b', content: 'The orders topic has 12 partitions' },
  { id: 'c', content: 'Never overwrite a partition without a date filter' },
  { id: 'd', content: 'Retry the Stripe export 5 times with backoff' },
];
const PROBES = [
  'Partition the events table by event_date',
  'partition the EVENTS table by event_date',
  'Always partition the events table by event_date',
  'The orders topic now has 24 partitions',
  'The orders topic has twelve partitions',
  'Retry the Stripe export five times with backoff',
  'Overwrite a partition without a date filter',
];

/** What a capture's duplicate check answers for each probe. */
function answers(index: NearDuplicateIndex): unknown[] {
  return PROBES.map((probe) => [index.find(probe), index.related(probe)]);
}

/** One hook process: an index built with the cache, then the cache written back. */
async function processWithCache(storePath: string, memories: typeof MEMORIES, code = 'build-1'): Promise<unknown[]> {
  const caches = cachedAnalyses(storePath, code);
  // As the store's indexes build it: every content at once, then each new one.
  const index = new NearDuplicateIndex(memories, caches.analyses.facts, caches.analyses.factsOfAll);
  const found = answers(index);
  await caches.save();
  return found;
}

const cacheFile = (storePath: string) => `${storePath}.facts.cache`;
/** The contents line of a cache file (its second). */
const contentsOf = (storePath: string) => JSON.parse(readFileSync(cacheFile(storePath), 'utf8').split('\n')[1]!) as string[];
/**
 * A cache file of this build and format holding `contents`, with the key and core hashes given
 * (-1: no core); `named`, the contents its head's count and digest name (by default the same).
 */
function cacheText(contents: readonly unknown[], keys: unknown, cores: unknown, { code = 'build-1', named = contents, format = 6 }: { code?: string; named?: readonly unknown[]; format?: number } = {}): string {
  const json = JSON.stringify(named);
  const digest = createHash('sha1').update(json).digest('base64url');
  return `${JSON.stringify({ format, kind: 'facts', code, count: named.length, digest, values: { keys, cores } })}\n${JSON.stringify(contents)}\n`;
}
const honestColumns = (contents: readonly string[]) => [contents.map((content) => hashOf(exactKey(content))), contents.map((content) => { const core = factOf(content).core; return core === '' ? -1 : hashOf(core); })] as const;

describe('the analysis cache of a store', () => {
  it('finds the same duplicates and related memories as analysing afresh, when written and when read back', async ({ dir, path }) => {
    const plain = answers(new NearDuplicateIndex(MEMORIES));
    expect(await processWithCache(path, MEMORIES), 'first process: nothing cached yet').toEqual(plain);
    expect(contentsOf(path)).toEqual(MEMORIES.map((memory) => memory.content));
    expect(await processWithCache(path, MEMORIES), 'second process: every fact read from the cache').toEqual(plain);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('never uses an entry for a memory whose content changed behind it, and drops entries no memory holds', async ({ path }) => {
    await processWithCache(path, MEMORIES);
    const changed = MEMORIES.map((memory) => (memory.id === 'b' ? { id: 'b', content: 'The orders topic has 48 partitions' } : memory));
    const plain = answers(new NearDuplicateIndex(changed));
    expect(await processWithCache(path, changed)).toEqual(plain);
    const contents = contentsOf(path);
    expect(contents).toContain('The orders topic has 48 partitions');
    expect(contents).not.toContain('The orders topic has 12 partitions');
  });

  it('leaves a sound file without a few new contents (a capture\'s), and writes them once there are more than 32', async ({ path }) => {
    await processWithCache(path, MEMORIES);
    const written = readFileSync(cacheFile(path), 'utf8');
    const added = (count: number) => [...MEMORIES, ...Array.from({ length: count }, (_, i) => ({ id: `n${i}`, content: `Vacuum ledger table ${i} every night` }))];
    expect(await processWithCache(path, added(2))).toEqual(answers(new NearDuplicateIndex(added(2))));
    expect(readFileSync(cacheFile(path), 'utf8'), 'two new contents: analysed afresh next time too').toBe(written);
    expect(await processWithCache(path, added(33))).toEqual(answers(new NearDuplicateIndex(added(33))));
    expect(contentsOf(path)).toHaveLength(MEMORIES.length + 33);
  });

  it('finds the same for contents in another order or held twice, and keeps them in the order asked for', async ({ path }) => {
    await processWithCache(path, MEMORIES);
    const reordered = [MEMORIES[2]!, MEMORIES[0]!, { id: 'e', content: MEMORIES[0]!.content }, MEMORIES[3]!, MEMORIES[1]!];
    expect(await processWithCache(path, reordered)).toEqual(answers(new NearDuplicateIndex(reordered)));
    expect(contentsOf(path)).toEqual(reordered.map((memory) => memory.content));
    const written = readFileSync(cacheFile(path), 'utf8');
    expect(await processWithCache(path, reordered)).toEqual(answers(new NearDuplicateIndex(reordered)));
    expect(readFileSync(cacheFile(path), 'utf8'), 'the same order again: left alone').toBe(written);
  });

  it("ignores a cache another build wrote, even one that names this store's contents", async ({ path }) => {
    // Another build's analysis may differ: here it says every content is the same fact.
    const contents = MEMORIES.map(({ content }) => content);
    writeFileSync(cacheFile(path), cacheText(contents, contents.map(() => hashOf('same')), contents.map(() => hashOf('same fact')), { code: 'build-0' }));
    expect(await processWithCache(path, MEMORIES, 'build-1')).toEqual(answers(new NearDuplicateIndex(MEMORIES)));
    expect(JSON.parse(readFileSync(cacheFile(path), 'utf8').split('\n')[0]!)).toMatchObject({ code: 'build-1' });
  });

  it('reads a damaged cache as empty (and a damaged entry as missing), then writes a sound one', async ({ path }) => {
    const plain = answers(new NearDuplicateIndex(MEMORIES));
    const contents = MEMORIES.map(({ content }) => content);
    const columnsShort = cacheText(contents, [1, 2], [1, 2]);
    for (const damage of ['\u0000\u0007garbage', '{"format":6,"kind":"facts","code":"build-1","count":4,"digest":"x","values":{"keys":[1,', '', columnsShort, cacheText(contents, 'keys', 'cores')]) {
      writeFileSync(cacheFile(path), damage);
      expect(await processWithCache(path, MEMORIES), JSON.stringify(damage)).toEqual(plain);
      expect(contentsOf(path)).toHaveLength(MEMORIES.length);
    }
    // Damaged entries: hashes that are not ones (negative, too big, not integers, not numbers), a content that is not a string.
    writeFileSync(cacheFile(path), cacheText([contents[0], 7, contents[2], contents[3]], ['not', -1, 2 ** 30, 1.5], [5, 5, -2, null]));
    expect(await processWithCache(path, MEMORIES)).toEqual(plain);
    writeFileSync(cacheFile(path), cacheText(contents, [1, 2, 3, 4], [-2, 2 ** 30, 'x', 0.5]));
    expect(await processWithCache(path, MEMORIES)).toEqual(plain);
  });

  it('never makes a new memory a duplicate on an entry that lies about a stored content', async ({ path }) => {
    const probe = 'Snapshot the ledger table every night';
    const plain = new NearDuplicateIndex(MEMORIES).find(probe);
    expect(plain).toBeUndefined();
    // Every stored content claims the probe's exact key and fact: a crafted or damaged file.
    writeFileSync(cacheFile(path), cacheText(MEMORIES.map(({ content }) => content), MEMORIES.map(() => hashOf(exactKey(probe))), MEMORIES.map(() => hashOf(factOf(probe).core))));
    const caches = cachedAnalyses(path, 'build-1');
    const index = new NearDuplicateIndex(MEMORIES, caches.analyses.facts, caches.analyses.factsOfAll);
    expect(index.find(probe)).toBeUndefined();
    expect(index.find('Snapshot the ledger table each night')).toBeUndefined();
  });

  it('takes the facts of the contents its digest names from the columns, without reading the contents line', async ({ path }) => {
    const contents = MEMORIES.map(({ content }) => content);
    const [keys, cores] = honestColumns(contents);
    const file = cacheText(contents, keys, cores).replace(/\n.*\n$/u, '\nnot the contents\n');
    writeFileSync(cacheFile(path), file);
    expect(await processWithCache(path, MEMORIES)).toEqual(answers(new NearDuplicateIndex(MEMORIES)));
    expect(readFileSync(cacheFile(path), 'utf8'), 'nothing analysed afresh: left alone').toBe(file);
  });

  it('never takes the columns for contents other than the ones their digest names', async ({ path }) => {
    const contents = MEMORIES.map(({ content }) => content);
    const [keys, cores] = honestColumns(contents);
    writeFileSync(cacheFile(path), cacheText(contents, keys, cores));
    // Same count and order, one content changed: its entry must not speak for it.
    const changed = MEMORIES.map((memory) => (memory.id === 'b' ? { id: 'b', content: 'Snapshot the ledger table every night' } : memory));
    const caches = cachedAnalyses(path, 'build-1');
    const index = new NearDuplicateIndex(changed, caches.analyses.facts, caches.analyses.factsOfAll);
    expect(index.find('Snapshot the ledger table every night')).toEqual({ id: 'b', similarity: 1 });
    expect(index.find('snapshot the LEDGER table every night')?.id).toBe('b');
  });

  it('leaves the file alone when nothing changed, so readers of a busy store do not rewrite it', async ({ path }) => {
    await processWithCache(path, MEMORIES);
    const written = readFileSync(cacheFile(path), 'utf8');
    writeFileSync(cacheFile(path), written.replace('"format":6', '"format":6 '));
    await processWithCache(path, MEMORIES);
    expect(readFileSync(cacheFile(path), 'utf8')).toContain('"format":6 ');
  });

  it('never uses a cache of format 5, whose fact cores were hashed before compounds were joined, even of the same build', async ({ path }) => {
    const stored = [{ id: 'w', content: 'Stripe webhooks must be verified before processing' }];
    const contents = stored.map(({ content }) => content);
    // Format 5 hashed the core "strip webhook verifi befor process"; it is now "stripwebhookverifibeforprocess".
    const [keys] = honestColumns(contents);
    writeFileSync(cacheFile(path), cacheText(contents, keys, [hashOf('strip webhook verifi befor process')], { format: 5 }));
    const caches = cachedAnalyses(path, 'build-1');
    const index = new NearDuplicateIndex(stored, caches.analyses.facts, caches.analyses.factsOfAll);
    expect(index.find('Stripe web-hooks must be verified before processing')?.id).toBe('w');
    await caches.save();
    expect(JSON.parse(readFileSync(cacheFile(path), 'utf8').split('\n')[0]!)).toMatchObject({ format: 6, values: { cores: [hashOf(factOf(contents[0]!).core)] } });
  });
});
