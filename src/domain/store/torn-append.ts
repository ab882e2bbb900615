import { STORE_TAIL, type StoreData, parseStore } from './store-file.js';

const TAIL = STORE_TAIL.toString('utf8');
/** What the second step writes over TAIL: the separator and the start of the first new memory. */
const TURNED_TAIL = ',\n{"';
/** A memory's end followed by four bytes each of which is TAIL's or TURNED_TAIL's at its place. */
const HALF_TURNED = /\}(?=[\n,][\]\n][}{][\n"])/gu;
/** Places tried, from the end: the right one is the last unless memory texts imitate one. */
const HALF_TURNED_TRIES = 4;

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
  if (end !== -1 && end + TAIL.length < text.length) return storeIn(text.slice(0, end + TAIL.length));
  // The first step is synced before the second starts, so the file then ends with the new tail.
  return text.endsWith(TAIL) ? recoverHalfTurnedTail(text) : undefined;
}

/**
 * A power cut during the second step: its four bytes can straddle a disk sector and land in
 * part, each byte the old tail's or the new one's. The first step was synced, so with those
 * bytes turned the whole file is the store with the add. Turning them must make the whole file
 * parse, which damage elsewhere that happens to look like such bytes does not.
 */
function recoverHalfTurnedTail(text: string): StoreData | undefined {
  const places = [...text.matchAll(HALF_TURNED)].map((match) => match.index + 1);
  for (const at of places.slice(-HALF_TURNED_TRIES).reverse()) {
    const bytes = text.slice(at, at + TAIL.length);
    if (bytes === TAIL || bytes === TURNED_TAIL) continue;
    const store = storeIn(text.slice(0, at) + TURNED_TAIL + text.slice(at + TAIL.length));
    if (store) return store;
  }
  return undefined;
}

function storeIn(text: string): StoreData | undefined {
  const parsed = parseStore(text);
  // One whose records need a repair is not taken for a torn append: it is never rewritten as one.
  return parsed.ok && parsed.flaws.length === 0 && parsed.data.memories.length > 0 ? parsed.data : undefined;
}
