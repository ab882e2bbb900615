import type { ContentAnalyses } from '../memory-indexes.js';
import { type AnalysisCodec, AnalysisCache } from './analysis-cache.js';
import { type StoredFact, storedFactOf } from './near-duplicate-index.js';

const isStrings = (values: readonly unknown[], from: number): boolean => {
  for (let i = from; i < values.length; i++) if (typeof values[i] !== 'string') return false;
  return true;
};

/** A content's exact key and fact as [key, core, ...distinct words]. */
const FACTS: AnalysisCodec<StoredFact> = {
  kind: 'facts',
  encode: ({ key, core, words }) => [key, core, ...words],
  decode: (raw) => (Array.isArray(raw) && raw.length >= 2 && isStrings(raw, 0) ? { key: raw[0] as string, core: raw[1] as string, words: raw.slice(2) as string[] } : undefined),
};

/**
 * The analysis cache of one JSON store (analysis-cache.ts): the facts a capture's duplicate check
 * compares, the costliest analysis a hook repeats (fact tokens fold numbers, units and phrases).
 * The search terms are not kept: read back from a file they built the search index no faster
 * than analysing again (each term then arrives as a string of its own, which the index must
 * hash, where analysis hands out one shared string per word). `save` writes back what changed.
 */
export function cachedAnalyses(storePath: string, code: string): { analyses: ContentAnalyses; save: () => Promise<void> } {
  const facts = new AnalysisCache(storePath, code, FACTS);
  return { analyses: { facts: (content) => facts.get(content, storedFactOf) }, save: () => facts.save() };
}
