import type { Adapter } from 'lowdb';
import type { Memory } from '../memory.js';
import type { DurableTextFile } from './durable-text-file.js';
import type { FileStat } from './file-version.js';
import { type ParsedStore, STORE_TAIL, type StoreData, appendBytes, inAppendableLayout, parseStore, recordsAsChecked, storeChunks } from './store-file.js';
import type { StoreFlaw } from './store-records.js';
import { recoverTornAppend } from './torn-append.js';
import type { ReusedLines, WrittenLines } from './written-lines.js';

/** Enough for `{"schemaVersion":1,"writeId":"…"`, which serialiseStore always writes first. */
const HEAD_BYTES = 64;

/** Raised for bytes that are not a store we understand; the store turns it into a quarantine. */
export class StoreUnreadableError extends Error {
  override readonly name = 'StoreUnreadableError';
}

/** Raised for a store written by a newer server in a shape this one cannot read; kept as it is. */
export class StoreTooNewError extends Error {
  override readonly name = 'StoreTooNewError';
  constructor(readonly schemaVersion: number) {
    super(`schemaVersion ${schemaVersion}`);
  }
}

/**
 * A store file's bytes as read. `torn`: the file ends in an add that was cut short, and `data` is
 * the store without it. `appendable`: whether it looks laid out as ours (an add may then be
 * written in place, see appendOrRewrite in append-only.ts). `flaws`: records left out of `data`
 * (see StoreFlaw).
 */
export interface StoreRead {
  data: StoreData;
  torn: boolean;
  appendable: boolean;
  flaws: StoreFlaw[];
}

/** The store a file's text holds. */
export function storeIn(text: string): StoreRead {
  return storeParsed(text, parseStore(text), inAppendableLayout);
}

/**
 * The store a file holds whose stat is still the one a write of ours recorded with the rules its
 * records passed, this build's (read-file.ts readWhole): its records are taken as they are, each
 * one known to pass isMemoryRecord and no two to share an id, where checking them again cost a
 * Claude Code hook ~5-10 ms at 10,000 memories. Its head is checked as any other's. It is in our
 * layout, as every write that records its stat leaves one (storeChunks, appendBytes; see
 * append-only.ts appendOrRewrite), so it can take an append once it holds a memory (an empty
 * store's file has no tail to write over) without its lines being counted again.
 */
export function storeOurWriteLeft(text: string): StoreRead {
  return storeParsed(text, parseStore(text, recordsAsChecked), (_, data) => data.memories.length > 0);
}

/** `inOurLayout`: whether the text, parsed as `data`, can take an append (see inAppendableLayout). */
function storeParsed(text: string, parsed: ParsedStore, inOurLayout: (text: string, data: StoreData) => boolean): StoreRead {
  if (parsed.ok) {
    const appendable = parsed.flaws.length === 0 && inOurLayout(text, parsed.data);
    return { data: parsed.data, torn: false, appendable, flaws: parsed.flaws };
  }
  if (parsed.problem.kind === 'too_new') throw new StoreTooNewError(parsed.problem.schemaVersion);
  const recovered = parsed.problem.kind === 'json' ? recoverTornAppend(text) : undefined;
  if (recovered) return { data: recovered, torn: true, appendable: false, flaws: [] };
  const what = parsed.problem.kind === 'json' ? 'not valid JSON' : 'not in the expected shape';
  throw new StoreUnreadableError(`${what} (${parsed.problem.detail})`);
}

/**
 * lowdb's middle layer: JSON + schema over the durable text file (as lowdb stacks DataFile on
 * TextFile). `rewrite` is set around `Low.write()`, whose adapter call takes only the data: the
 * store's last check before the write replaces the file (`beforeReplace`, see DurableTextFile),
 * the lines it may copy from the file it replaces, and who is told where the new lines are.
 */
export class StoreFileAdapter implements Adapter<StoreData> {
  rewrite: { beforeReplace: () => Promise<void>; reuse?: ReusedLines; wrote?: (lines: WrittenLines) => void } | undefined;

  constructor(private readonly textFile: DurableTextFile) {}

  readHead(): Promise<string> {
    return this.textFile.readHead(HEAD_BYTES);
  }

  async read(): Promise<StoreData | null> {
    const text = await this.textFile.read();
    return text === null ? null : storeIn(text).data;
  }

  /** The file's bytes; null when there is no file. */
  readBytes(): Promise<Buffer | null> {
    return this.textFile.readBytes();
  }

  async write(data: StoreData): Promise<void> {
    const rewrite = this.rewrite;
    await this.textFile.write(storeChunks(data, { reuse: rewrite?.reuse, wrote: rewrite?.wrote }), rewrite?.beforeReplace);
  }

  /** Adds `memories` at the end in place; undefined when the file is not one this can append to. */
  append(memories: readonly Memory[], beforeWrite: () => Promise<void>): Promise<FileStat | undefined> {
    return this.textFile.appendOverTail(STORE_TAIL, appendBytes(memories), beforeWrite);
  }
}
