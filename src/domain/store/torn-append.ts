import { STORE_TAIL, type StoreData, parseStore } from './store-file.js';

const TAIL = STORE_TAIL.toString('utf8');

/**
 * The store a torn append left, without the unfinished add; undefined for any other damage.
 *
 * An add first writes all but the first bytes of its lines after the file's end, syncs, and
 * only then turns the final `\n]}\n` into `,\n{"` (see DurableTextFile.appendOverTail). Cut
 * short at any point, by a crash or by another process reading mid-write, the file is the
 * whole store as it was followed by bytes of the unfinished add (or zero bytes a power cut left
 * in the extension). Nothing in them was acknowledged: an add answers once both steps are
 * synced. A file cut short or damaged in any other way never starts with a whole store, so it is
 * not mistaken for this (and is quarantined as before).
 */
export function recoverTornAppend(text: string): StoreData | undefined {
  // JSON.stringify escapes line breaks inside memories, so the first tail is the store's end.
  const end = text.indexOf(TAIL);
  if (end === -1 || end + TAIL.length === text.length) return undefined;
  const parsed = parseStore(text.slice(0, end + TAIL.length));
  return parsed.ok && parsed.data.memories.length > 0 ? parsed.data : undefined;
}
