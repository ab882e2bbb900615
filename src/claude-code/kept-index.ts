import { readFileSync } from 'node:fs';
import { decodeIndexSnapshot, encodeIndexSnapshot } from '../domain/recall/index-snapshot.js';
import type { MemoryIndex } from '../domain/recall/memory-index.js';
import { readStoreBytes, writeBesideStore } from './store-keyed-cache.js';

/**
 * The search index over a JSON store's active memories, kept beside it in
 * `<store>.recall.index` (domain/recall/index-snapshot.ts) so that a prompt's recall in a new
 * process need not parse the store and analyse every memory again (README "Performance"). Used
 * only for exactly the store bytes it was made from (their sha1) and by the build that made it;
 * anything else reads as nothing and the hook builds the index from the store, then keeps it
 * when the store's bytes did not change meanwhile. It may be deleted at any time.
 */
export function keptIndex(storePath: string, code: string): { index: MemoryIndex | undefined; keep: (index: MemoryIndex) => void } {
  const path = `${storePath}.recall.index`;
  const store = readStoreBytes(storePath);
  const before = store?.digest;
  let index: MemoryIndex | undefined;
  if (store !== undefined) {
    try {
      index = decodeIndexSnapshot(readFileSync(path), { code, key: store.digest }, store.bytes);
    } catch {
      index = undefined; // none yet, or unreadable
    }
  }
  return {
    index,
    keep: (built) => {
      if (before === undefined) return;
      const file = encodeIndexSnapshot(built, { code, key: before }, store!.bytes);
      if (file && readStoreBytes(storePath)?.digest === before) writeBesideStore(storePath, path, file);
    },
  };
}
