import { createHash } from 'node:crypto';
import type { Memory } from '../memory.js';
import type { Bm25State, Postings } from './bm25-index.js';
import { MemoryIndex, type MemoryIndexState } from './memory-index.js';
import { PostingList } from './posting-list.js';

const MAGIC = 'DEMRIDX2';
const FIELDS = 3;
const DIGEST = 20;

/** What a snapshot is for: the build that wrote it and the exact store contents it indexes. */
export interface SnapshotTag {
  code: string;
  key: string;
}

interface Header extends SnapshotTag {
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

/** The index a snapshot holds, or undefined when it is not one for `tag` or is damaged in any way. */
export function decodeIndexSnapshot(file: Uint8Array, tag: SnapshotTag, store?: Uint8Array): MemoryIndex | undefined {
  const kept = readIndexSnapshot(file, tag.code);
  return kept?.key === tag.key ? kept.open(store)?.index : undefined;
}

/** A snapshot of this build, opened only once its store is known (see readIndexSnapshot). */
export interface KeptSnapshot {
  /** The digest of the store bytes it indexes (SnapshotTag.key). */
  readonly key: string;
  /** Their length, when it was kept with an AppendableStore; else undefined. */
  readonly storeLength: number | undefined;
  /**
   * The index, with `store` the bytes `key` names or (storeLength set) those bytes with an
   * append written over their tail; and the store's archived ids (none unless storeLength is
   * set). Undefined when the file is damaged in any way.
   */
  open(store?: Uint8Array): { index: MemoryIndex; archivedIds: () => string[] } | undefined;
}

/** What the snapshot `file` says it is, when it is one of build `code`; undefined for anything else. */
export function readIndexSnapshot(file: Uint8Array, code: string): KeptSnapshot | undefined {
  try {
    const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    if (bytes.length < 12 + DIGEST || bytes.toString('latin1', 0, 8) !== MAGIC) return undefined;
    const headLength = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + headLength)) as Header;
    if (header.magic !== MAGIC || header.code !== code || typeof header.key !== 'string') return undefined;
    const storeLength = Number.isInteger(header.storeLength) ? header.storeLength : undefined;
    return {
      key: header.key,
      storeLength,
      open: (store) => {
        try {
          return open(bytes, header, headLength, store);
        } catch {
          return undefined;
        }
      },
    };
  } catch {
    return undefined;
  }
}

function open(bytes: Buffer, header: Header, headLength: number, store: Uint8Array | undefined): { index: MemoryIndex; archivedIds: () => string[] } | undefined {
  const body = bytes.subarray(0, bytes.length - DIGEST);
  if (!createHash('sha1').update(body).digest().equals(bytes.subarray(body.length))) return undefined;
  // Views need their element size's alignment: a file read into a pooled or offset buffer is copied once.
  const aligned = body.byteOffset % 8 === 0 ? body : Buffer.from(new Uint8Array(body));
  const slots = header.slots;
  let at = align(12 + headLength);
  const view = <T>(make: new (buffer: ArrayBufferLike, offset: number, length: number) => T, size: number, length: number): T => {
    if (at + size * length > aligned.length) throw new Error('snapshot cut short');
    const array = new make(aligned.buffer, aligned.byteOffset + at, length);
    at = align(at + size * length);
    return array;
  };
  const updatedAt = view(Float64Array, 8, slots);
  const perSlot = view(Int32Array, 4, slots * (FIELDS + 3));
  const lists = view(Int32Array, 4, header.terms.length * FIELDS * 3);
  const postingSlots = view(Int32Array, 4, header.postings);
  const postingFrequencies = view(Uint32Array, 4, header.postings);
  const memoryStarts = view(Int32Array, 4, slots);
  const memoryEnds = view(Int32Array, 4, slots);
  const memoriesAt = at;
  if (!Number.isInteger(slots) || memoriesAt + header.memoryBytes + header.idBytes + header.archivedIdBytes !== aligned.length) throw new Error('snapshot of the wrong length');

  const postings: Postings[] = header.terms.map((_, term) => {
    const byField: Postings = [];
    for (let field = 0; field < FIELDS; field++) {
      const i = (term * FIELDS + field) * 3;
      const size = lists[i + 1]!;
      if (size < 0) continue;
      const start = lists[i]!;
      byField[field] = PostingList.of(postingSlots.subarray(start, start + size), postingFrequencies.subarray(start, start + size), lists[i + 2]!);
    }
    return byField;
  });
  // A plain loop: Array.from walks a typed array through its iterator, ~10x slower before the JIT.
  const column = (n: number): number[] => {
    const values: number[] = [];
    for (let slot = 0, at = n * slots; slot < slots; slot++, at++) values.push(perSlot[at]!);
    return values;
  };
  const bm25: Bm25State = {
    terms: header.terms, postings, lengths: [column(0), column(1), column(2)], totalLength: header.totalLength,
    count: header.count, slots, free: [],
  };
  const state: Omit<MemoryIndexState, 'ids'> = {
    bm25, updatedAt: [...updatedAt], typeOf: column(FIELDS), agentOf: column(FIELDS + 1),
    archivedOf: column(FIELDS + 2).map((flag) => flag === 1), agents: header.agents,
  };
  // The store's bytes begin with those the key names (the caller read and digested them).
  if (header.memoriesInStore && store === undefined) return undefined;
  const texts = header.memoriesInStore ? Buffer.from(store!.buffer, store!.byteOffset, store!.byteLength) : aligned.subarray(memoriesAt, memoriesAt + header.memoryBytes);
  const memoryAt = (slot: number): Memory => JSON.parse(texts.toString('utf8', memoryStarts[slot]!, memoryEnds[slot]!)) as Memory;
  const idsAt = memoriesAt + header.memoryBytes;
  const ids = (): string[] => JSON.parse(aligned.toString('utf8', idsAt, idsAt + header.idBytes)) as string[];
  const archivedAt = idsAt + header.idBytes;
  const archivedIds = (): string[] => (header.archivedIdBytes === 0 ? [] : (JSON.parse(aligned.toString('utf8', archivedAt, archivedAt + header.archivedIdBytes)) as string[]));
  return { index: MemoryIndex.restore(state, { ids, memoryAt }), archivedIds };
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

const align = (at: number): number => Math.ceil(at / 8) * 8;
const padding = (length: number): Uint8Array => new Uint8Array(align(length) - length);

function uint32(value: number): Uint8Array {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}
