import { readFileSync } from 'node:fs';
import { addAppendedMemories } from '../domain/recall/add-appended-memories.js';
import { encodeIndexSnapshot } from '../domain/recall/index-snapshot.js';
import { type KeptSnapshot, readIndexSnapshot } from '../domain/recall/index-snapshot-read.js';
import type { MemoryIndex } from '../domain/recall/memory-index.js';
import { recordsAppendedTo } from '../domain/store/appended-records.js';
import { readStoreBytes, writeBesideStore } from './store-keyed-cache.js';

/**
 * Appended records a kept index takes before it is kept again for the store as it is now: a
 * recall applies them in well under a millisecond each, keeping costs ~25 ms at 10,000 memories.
 */
const KEEP_AFTER_APPENDED = 16;

/** How the index built from a store is kept: with the store's archived ids, or none when the store read had flaws. */
export type KeepIndex = (index: MemoryIndex, archivedIds: readonly string[] | undefined) => void;

/**
 * The search index over a JSON store's active memories, kept beside it in
 * `<store>.recall.index` (domain/recall/index-snapshot.ts) so that a prompt's recall in a new
 * process need not parse the store and analyse every memory again (README "Performance"). Used
 * only by the build that made it and for exactly the store bytes it was made from (their sha1),
 * or for those bytes with an append written over their end (a capture's add): the appended
 * records are then added to it, as a build from the whole store would have them. Anything else
 * reads as nothing and the hook builds the index from the store, then keeps it when the store's
 * bytes did not change meanwhile. It may be deleted at any time.
 */
export function keptIndex(storePath: string, code: string): { index: MemoryIndex | undefined; keep: KeepIndex } {
  const path = `${storePath}.recall.index`;
  const { store, keep } = indexKeeper(storePath, code);
  let kept: KeptSnapshot | undefined;
  try {
    kept = store && readIndexSnapshot(readFileSync(path), code);
  } catch {
    kept = undefined; // none yet, or unreadable
  }
  if (!store || !kept) return { index: undefined, keep };
  if (kept.key === store.digest) return { index: kept.open(store.bytes)?.index, keep };
  return { index: withAppended(kept, store.bytes, keep), keep };
}

/**
 * How an index built now from the store is kept for the store's bytes as read here: only when
 * they are still those bytes once it is encoded. For a caller that knows no kept index fits them
 * (a capture that just rewrote the store) and so reads none.
 */
export function indexKeeper(storePath: string, code: string): { store: { bytes: Buffer; digest: string } | undefined; keep: KeepIndex } {
  const store = readStoreBytes(storePath);
  const keep: KeepIndex = (built, archivedIds) => {
    if (store === undefined) return;
    const file = encodeIndexSnapshot(built, { code, key: store.digest }, archivedIds ? { bytes: store.bytes, archivedIds } : store.bytes);
    if (file && readStoreBytes(storePath)?.digest === store.digest) writeBesideStore(storePath, `${storePath}.recall.index`, file);
  };
  return { store, keep };
}

/** The kept index with the records appended to its store since, when the store is exactly its bytes plus an append. */
function withAppended(kept: KeptSnapshot, store: Buffer, keep: KeepIndex): MemoryIndex | undefined {
  if (kept.storeLength === undefined) return undefined;
  const records = recordsAppendedTo(store, { length: kept.storeLength, digest: kept.key });
  const opened = records && kept.open(store);
  if (!records || !opened) return undefined;
  const archivedIds = new Set(opened.archivedIds());
  if (!addAppendedMemories(opened.index, records, archivedIds)) return undefined;
  if (records.length >= KEEP_AFTER_APPENDED) {
    for (const record of records as Array<{ id: string; archivedAt?: string }>) if (record.archivedAt !== undefined) archivedIds.add(record.id);
    keep(opened.index, [...archivedIds]);
  }
  return opened.index;
}
