import { hashOf } from './hash-buckets.js';
import { exactKey, factCoreOf } from './similarity.js';

/**
 * What the near-duplicate index (near-duplicate-index.ts) keeps of a stored memory's content to
 * find its candidates: hashOf its exact key and of its fact core (undefined for a content with no
 * core, only ever an exact duplicate).
 */
export interface FactHashes {
  key: number;
  core: number | undefined;
}

/** The facts of a list of contents as columns, by place: `cores` holds NO_CORE for a content with none. */
export interface FactColumns {
  keys: Int32Array<ArrayBuffer>;
  cores: Int32Array<ArrayBuffer>;
}

export function factHashesOf(content: string): FactHashes {
  const core = factCoreOf(content);
  return { key: hashOf(exactKey(content)), core: core === '' ? undefined : hashOf(core) };
}
