import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedAnalyses } from '../../src/domain/recall/cached-analyses.js';
import { NearDuplicateIndex } from '../../src/domain/recall/near-duplicate-index.js';
import { tempDir } from '../support/server-process.js';

// The facts a capture's duplicate check derives from every stored content, kept beside the store
// (<store>.facts.cache) for the next hook process. Derived data only: whatever the file holds,
// the duplicates found must be those found without it.

let dir: string;
let storePath: string;
beforeEach(() => {
  dir = tempDir('dem-analysis-');
  storePath = join(dir, 'shop-1234.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
async function processWithCache(memories: typeof MEMORIES, code = 'build-1'): Promise<unknown[]> {
  const caches = cachedAnalyses(storePath, code);
  const index = new NearDuplicateIndex(memories, caches.analyses.facts);
  const found = answers(index);
  await caches.save();
  return found;
}

const cacheFile = () => `${storePath}.facts.cache`;
const entriesOf = () => (JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Array<[string, unknown]> }).entries;

describe('the analysis cache of a store', () => {
  it('finds the same duplicates and related memories as analysing afresh, when written and when read back', async () => {
    const plain = answers(new NearDuplicateIndex(MEMORIES));
    expect(await processWithCache(MEMORIES), 'first process: nothing cached yet').toEqual(plain);
    expect(entriesOf().map(([content]) => content)).toEqual(MEMORIES.map((memory) => memory.content));
    expect(await processWithCache(MEMORIES), 'second process: every fact read from the cache').toEqual(plain);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('never uses an entry for a memory whose content changed behind it, and drops entries no memory holds', async () => {
    await processWithCache(MEMORIES);
    const changed = MEMORIES.map((memory) => (memory.id === 'b' ? { id: 'b', content: 'The orders topic has 48 partitions' } : memory));
    const plain = answers(new NearDuplicateIndex(changed));
    expect(await processWithCache(changed)).toEqual(plain);
    const contents = entriesOf().map(([content]) => content);
    expect(contents).toContain('The orders topic has 48 partitions');
    expect(contents).not.toContain('The orders topic has 12 partitions');
  });

  it("ignores a cache another build wrote, even one that names this store's contents", async () => {
    // Another build's analysis may differ: here it says every content is the same fact.
    const foreign = MEMORIES.map(({ content }) => [content, ['same', 'same fact', 'same', 'fact']]);
    writeFileSync(cacheFile(), JSON.stringify({ format: 1, kind: 'facts', code: 'build-0', entries: foreign }));
    expect(await processWithCache(MEMORIES, 'build-1')).toEqual(answers(new NearDuplicateIndex(MEMORIES)));
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8'))).toMatchObject({ code: 'build-1' });
  });

  it('reads a damaged cache as empty (and a damaged entry as missing), then writes a sound one', async () => {
    const plain = answers(new NearDuplicateIndex(MEMORIES));
    for (const damage of ['\u0000\u0007garbage', '{"format":1,"kind":"facts","code":"build-1","entries":[["Partition', '']) {
      writeFileSync(cacheFile(), damage);
      expect(await processWithCache(MEMORIES), JSON.stringify(damage)).toEqual(plain);
      expect(entriesOf()).toHaveLength(MEMORIES.length);
    }
    const entries = entriesOf().map(([content], i) => [content, i === 0 ? [42] : ['not', 'a fact', 7]]);
    writeFileSync(cacheFile(), JSON.stringify({ format: 1, kind: 'facts', code: 'build-1', entries }));
    expect(await processWithCache(MEMORIES)).toEqual(plain);
  });

  it('leaves the file alone when nothing changed, so readers of a busy store do not rewrite it', async () => {
    await processWithCache(MEMORIES);
    const written = readFileSync(cacheFile(), 'utf8');
    writeFileSync(cacheFile(), written.replace('"format":1', '"format":1 '));
    await processWithCache(MEMORIES);
    expect(readFileSync(cacheFile(), 'utf8')).toContain('"format":1 ');
  });
});
