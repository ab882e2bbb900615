import { createHash } from 'node:crypto';
import type { Memory } from '../memory.js';
import type { Bm25State, Postings } from './bm25-index.js';
import { DIGEST, FIELDS, type Header, MAGIC, type SnapshotTag, align } from './index-snapshot.js';
import { MemoryIndex, type MemoryIndexState } from './memory-index.js';
import { PostingList } from './posting-list.js';

// Reading a snapshot that index-snapshot.ts wrote (its layout is described there).

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
