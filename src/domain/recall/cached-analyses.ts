import type { ContentAnalyses } from '../memory-indexes.js';
import { type AnalysisCodec, AnalysisCache } from './analysis-cache.js';
import { type FactHashes, factHashesOf } from './near-duplicate-index.js';

/** A hash as hashOf makes one: a 30-bit unsigned integer. */
const isHash = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 30;

/** Written for a content with no fact core: a hash is never negative. */
const NO_CORE = -1;

/** The contents' hashes as two columns of numbers, `keys` and `cores` (NO_CORE for none): two arrays parse in a fraction of the time of one per content. */
const FACTS: AnalysisCodec<FactHashes> = {
  kind: 'facts',
  encodeAll: (values) => ({ keys: values.map(({ key }) => key), cores: values.map(({ core }) => core ?? NO_CORE) }),
  decodeAll: (raw, count) => {
    const { keys, cores } = (raw ?? {}) as { keys?: unknown; cores?: unknown };
    if (!Array.isArray(keys) || !Array.isArray(cores) || keys.length !== count || cores.length !== count) return undefined;
    return (at) => {
      const key: unknown = keys[at];
      const core: unknown = cores[at];
      if (!isHash(key) || (core !== NO_CORE && !isHash(core))) return undefined;
      return { key, core: core === NO_CORE ? undefined : core };
    };
  },
};

/**
 * The analysis cache of one JSON store (analysis-cache.ts): the hashes of the exact key and fact
 * core a capture's duplicate check looks candidates up by, the costliest analysis a hook repeats
 * (fact tokens fold numbers, units and phrases). Hashes, not the key, core and words themselves:
 * a file a third of the size, read and written in a fraction of the time (a capture hook at
 * 10,000 memories spent ~40 ms on it), and the words are needed only to look up related
 * memories, which the hooks do not. The search terms are not kept: read back from a file they
 * built the search index no faster than analysing again (each term then arrives as a string of
 * its own, which the index must hash, where analysis hands out one shared string per word).
 * `save` writes back what changed.
 */
export function cachedAnalyses(storePath: string, code: string): { analyses: ContentAnalyses; save: () => Promise<void> } {
  const facts = new AnalysisCache(storePath, code, FACTS);
  return { analyses: { facts: (content) => facts.get(content, factHashesOf), factsOfAll: (contents) => facts.getAll(contents, factHashesOf) }, save: () => facts.save() };
}
