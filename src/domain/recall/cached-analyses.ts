import type { ContentAnalyses } from '../memory-indexes.js';
import { FactsCache } from './facts-cache.js';
import { factHashesOf } from './fact-hashes.js';

/**
 * The analysis cache of one JSON store (facts-cache.ts): the hashes of the exact key and fact
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
  const facts = new FactsCache(storePath, code, factHashesOf);
  return { analyses: { facts: (content) => facts.get(content), factsOfAll: (contents) => facts.getAll(contents) }, save: () => facts.save() };
}
