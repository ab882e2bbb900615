import { createHash } from 'node:crypto';
import type { MemoryIndex } from './memory-index.js';

export const MAGIC = 'DEMRIDX2';
export const FIELDS = 3;
export const DIGEST = 20;

/** What a snapshot is for: the build that wrote it and the exact store contents it indexes. */
export interface SnapshotTag {
  code: string;
  key: string;
}

/** The snapshot's JSON head (see encodeIndexSnapshot for the layout; index-snapshot-read.ts reads it). */
export interface Header extends SnapshotTag {
  magic: string;
  terms: string[];
  agents: string[];
  totalLength: number[];
  count: number;
  slots: number;
  postings: number;
  /** Whether each memory's JSON is read from the store's bytes (else from this file). */
  memoriesInStore: boolean;
  memoryBytes: number;
  idBytes: number;
  /** The length of the store bytes indexed, when the snapshot may take an append's records (see encodeIndexSnapshot). */
  storeLength?: number;
  archivedIdBytes: number;
}

/**
 * What a snapshot may also keep, so that an append to the store can be applied to it instead of
 * building the index again (src/claude-code/kept-index.ts): the ids of the store's archived
 * memories, which the index of active memories does not hold but an appended id must not reuse.
 */
export interface AppendableStore {
  bytes: Uint8Array;
  archivedIds: readonly string[];
}

/**
 * A search index in a layout a new process loads without analysing a memory (issue #17 point 2;
 * README "Performance"): a JSON head (terms in the order they entered the index, the few
 * scalars), then typed arrays read as views of the file (per slot its update time, field
 * lengths, type, agent and archived flag; per term and field where its postings start, how many
 * and their highest frequency; all postings' slots, then their frequencies), then each memory's
 * JSON (read where the store's bytes hold it, else kept in the file), parsed only when a search
 * reads that memory, the ids by slot (parsed only for a lookup by
 * id or a change), with an AppendableStore the store's length and archived ids, and a sha1 of
 * everything before it. Any mismatch (another format or build, other store contents, a truncated
 * or damaged file) reads as no snapshot.
 */
export function encodeIndexSnapshot(index: MemoryIndex, tag: SnapshotTag, store?: Uint8Array | AppendableStore): Buffer | undefined {
  const appendable = store === undefined || store instanceof Uint8Array ? undefined : store;
  const storeBytes = appendable ? appendable.bytes : (store as Uint8Array | undefined);
  const kept = index.state();
  if (!kept) return undefined;
  const { state, memories } = kept;
  const { bm25 } = state;
  if (bm25.free.length > 0 || bm25.slots !== state.ids.length) return undefined;
  const slots = state.ids.length;
  const jsons = memories.map((memory) => JSON.stringify(memory));
  const ids = Buffer.from(JSON.stringify(state.ids), 'utf8');
  // Each memory's JSON where the store already holds it (a store the server wrote has each record
  // as JSON.stringify wrote it, in order), else in the file; where in either, per slot.
  const inStore = storeBytes === undefined ? undefined : recordsIn(storeBytes, jsons);
  const archivedIds = Buffer.from(appendable ? JSON.stringify(appendable.archivedIds) : '', 'utf8');
  const memoryStarts = new Int32Array(slots);
  const memoryEnds = new Int32Array(slots);
  let embedded: Buffer | undefined;
  if (inStore) {
    memoryStarts.set(inStore.starts);
    memoryEnds.set(inStore.ends);
  } else {
    let at = 0;
    jsons.forEach((json, slot) => {
      memoryStarts[slot] = at;
      memoryEnds[slot] = at += Buffer.byteLength(json, 'utf8');
    });
    embedded = Buffer.from(jsons.join(''), 'utf8');
  }
  let postings = 0;
  const lists = new Int32Array(bm25.terms.length * FIELDS * 3);
  bm25.postings.forEach((byField, term) => {
    for (let field = 0; field < FIELDS; field++) {
      const list = byField[field];
      const at = (term * FIELDS + field) * 3;
      lists.set(list ? [postings, list.size, list.maxFrequency] : [0, -1, 0], at);
      postings += list?.size ?? 0;
    }
  });
  const postingSlots = new Int32Array(postings);
  const postingFrequencies = new Uint32Array(postings);
  bm25.postings.forEach((byField, term) => {
    for (let field = 0; field < FIELDS; field++) {
      const list = byField[field];
      if (!list) continue;
      const start = lists[(term * FIELDS + field) * 3]!;
      postingSlots.set(list.slots.subarray(0, list.size), start);
      postingFrequencies.set(list.frequencies.subarray(0, list.size), start);
    }
  });
  const perSlot = new Int32Array(slots * (FIELDS + 3));
  for (let slot = 0; slot < slots; slot++) {
    for (let field = 0; field < FIELDS; field++) perSlot[field * slots + slot] = bm25.lengths[field]![slot]!;
    perSlot[FIELDS * slots + slot] = state.typeOf[slot]!;
    perSlot[(FIELDS + 1) * slots + slot] = state.agentOf[slot]!;
    perSlot[(FIELDS + 2) * slots + slot] = state.archivedOf[slot] ? 1 : 0;
  }
  const header: Header = {
    magic: MAGIC, ...tag, terms: [...bm25.terms], agents: [...state.agents], slots,
    totalLength: [...bm25.totalLength], count: bm25.count, postings, memoriesInStore: inStore !== undefined, memoryBytes: embedded?.length ?? 0, idBytes: ids.length,
    ...(appendable && { storeLength: appendable.bytes.length }), archivedIdBytes: archivedIds.length,
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const parts: Uint8Array[] = [Buffer.from(MAGIC, 'latin1'), uint32(head.length), head, padding(8 + 4 + head.length)];
  const arrays = [Float64Array.from(state.updatedAt), perSlot, lists, postingSlots, postingFrequencies, memoryStarts, memoryEnds];
  for (const array of arrays) parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), padding(array.byteLength));
  if (embedded) parts.push(embedded);
  parts.push(ids, archivedIds);
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/**
 * Where each memory's JSON starts and ends in the store's bytes, each after the one before;
 * undefined unless all are there. The bytes are searched as latin1 text, one character per byte,
 * so a character offset is a byte offset (a JSON with other than ASCII is searched as its UTF-8
 * bytes read the same way): a Buffer per memory cost a kept index ~5 µs a memory.
 */
function recordsIn(store: Uint8Array, jsons: readonly string[]): { starts: number[]; ends: number[] } | undefined {
  const haystack = Buffer.from(store.buffer, store.byteOffset, store.byteLength).toString('latin1');
  const starts: number[] = [];
  const ends: number[] = [];
  let from = 0;
  for (const json of jsons) {
    const needle = BEYOND_PRINTABLE_ASCII.test(json) ? Buffer.from(json, 'utf8').toString('latin1') : json;
    const at = haystack.indexOf(needle, from);
    if (at < 0) return undefined;
    starts.push(at);
    ends.push((from = at + needle.length));
  }
  return { starts, ends };
}

/** JSON.stringify escapes control characters, so a JSON without these is ASCII: one byte a character. */
const BEYOND_PRINTABLE_ASCII = /[^ -~]/u;

export const align = (at: number): number => Math.ceil(at / 8) * 8;
const padding = (length: number): Uint8Array => new Uint8Array(align(length) - length);

function uint32(value: number): Uint8Array {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}
