import { z } from 'zod';
import { type Memory, MemorySchema } from '../memory.js';
import { RECORD_SEPARATOR, STORE_TAIL_TEXT } from './appended-records.js';
import { type StoreFlaw, checkRecords } from './store-records.js';
import type { ReusedLines, WrittenLines } from './written-lines.js';

/** Bumped only for a change an older server could not read correctly; it then refuses to write. */
export const STORE_SCHEMA_VERSION = 1;

export const StoreDataSchema = z.looseObject({
  schemaVersion: z.number().int().positive(),
  /** Random per write: tells two versions of the file apart when its metadata cannot. */
  writeId: z.string().optional(),
  project: z.object({ name: z.string(), root: z.string() }).optional(),
  // Loose: fields a person or a newer tool added to a memory survive our next write.
  memories: z.array(MemorySchema.loose()),
});
export type StoreData = z.infer<typeof StoreDataSchema>;

export const emptyStore = (): StoreData => ({ schemaVersion: STORE_SCHEMA_VERSION, memories: [] });

/** How every store with at least one memory ends; an append writes over it (see appendBytes). */
export const STORE_TAIL = Buffer.from(STORE_TAIL_TEXT);
/** A rewrite hands the file this many bytes at a time, so a big store is never held twice as bytes. */
const CHUNK_BYTES = 1 << 20;

/**
 * The store as written, in chunks of about CHUNK_BYTES: one memory per line, so a store committed
 * to git diffs one line per changed memory. Each line is serialised straight into the chunk and
 * dropped once written: a rewrite of 100,000 memories used to hold every line cached plus the
 * file joined in one buffer (npm run bench "peak RSS over the cap"). `reuse`: the first lines,
 * copied as bytes from the file being replaced (written-lines.ts). `wrote`: told where each line
 * of the new file is, once it is all out.
 */
export function* storeChunks(data: StoreData, { reuse, wrote }: { reuse?: ReusedLines; wrote?: (lines: WrittenLines) => void } = {}): Generator<Buffer> {
  const { memories } = data;
  if (memories.length === 0) {
    yield Buffer.from(`${headLine(data)}]}\n`);
    return;
  }
  const head = `${headLine(data)}\n`;
  const ends = new Float64Array(memories.length);
  let chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, 3 * head.length));
  let used = chunk.write(head);
  const start = used;
  let written = 0;
  let from = 0;
  if (reuse) {
    yield chunk.subarray(0, used);
    for (const bytes of reuse.bytes) yield bytes;
    const shift = start - reuse.lines.start;
    for (let i = 0; i < reuse.count; i++) ends[i] = reuse.lines.ends[i]! + shift;
    written = ends[reuse.count - 1]!;
    from = reuse.count;
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  }
  for (let i = from; i <= memories.length; i++) {
    const record = i === memories.length ? undefined : JSON.stringify(memories[i]);
    const text = record === undefined ? STORE_TAIL_TEXT : i === 0 ? record : RECORD_SEPARATOR + record;
    // A UTF-16 unit takes at most 3 bytes in UTF-8, so the text fits once the chunk is handed on.
    if (used + 3 * text.length > chunk.length) {
      written += used;
      yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, 3 * text.length));
      used = 0;
    }
    used += chunk.write(text, used);
    if (record !== undefined) ends[i] = written + used;
  }
  yield chunk.subarray(0, used);
  wrote?.({ memories: memories.slice(), ends, start });
}

/** The whole file as one buffer; for tests and small stores (the store itself writes storeChunks). */
export const serialiseStoreBytes = (data: StoreData): Buffer => Buffer.concat([...storeChunks(data)]);

/**
 * The first line: every field but the memories, then the array's opening. A change that leaves
 * it as it was and only adds memories at the end can be appended (append-only.ts).
 */
export function headLine(data: StoreData): string {
  // schemaVersion and writeId lead the first line, where writeIdInHead finds them cheaply.
  const head: Record<string, unknown> = { schemaVersion: undefined, writeId: undefined };
  Object.assign(head, data);
  delete head.memories;
  return `${JSON.stringify(head).slice(0, -1)},"memories":[`;
}

/**
 * Written over STORE_TAIL, these bytes turn a serialised store into the same store with
 * `memories` added at the end, exactly as storeChunks would write it.
 */
export function appendBytes(memories: readonly Memory[]): Buffer {
  let text = '';
  for (const memory of memories) text += RECORD_SEPARATOR + JSON.stringify(memory);
  return Buffer.from(text + STORE_TAIL_TEXT);
}

/**
 * Whether `text` (which parsed as `data`) looks laid out as serialiseStoreBytes writes it: our
 * head line (every other field before the memories), one line per memory, and the tail closing
 * both. Only then does an add written over the tail land in the memories array; a file someone
 * edited may hold no memory line to follow, or another array after `memories`, and is rewritten
 * whole instead. Cheap, and only a first sieve: an append also needs the file exactly as a write
 * of ours left it (appendOrRewrite in append-only.ts).
 */
export function inAppendableLayout(text: string, data: StoreData): boolean {
  const last = data.memories.at(-1);
  if (last === undefined || !text.endsWith(`\n${JSON.stringify(last)}${STORE_TAIL_TEXT}`)) return false;
  const headEnd = text.indexOf('\n');
  if (text.slice(0, headEnd) !== headLine(data)) return false;
  let lineBreaks = 0;
  for (let at = headEnd; at !== -1; at = text.indexOf('\n', at + 1)) lineBreaks++;
  return lineBreaks === data.memories.length + 2;
}

export const serialiseStore = (data: StoreData): string => serialiseStoreBytes(data).toString('utf8');

export type StoreProblem =
  | { kind: 'json'; detail: string }
  | { kind: 'schema'; detail: string }
  | { kind: 'too_new'; detail: string; schemaVersion: number };

/** `flaws`: records left out of `data` (see StoreFlaw); the store reads, but takes no write until repaired. */
export type ParsedStore = { ok: true; data: StoreData; flaws: StoreFlaw[] } | { ok: false; problem: StoreProblem };

/** The top level only: each record is checked on its own (checkRecords), so one bad record does not make the store unreadable. */
const StoreHeadSchema = StoreDataSchema.extend({ memories: z.array(z.unknown()) });

/** What PowerShell 5 and old Notepad put before UTF-8 text; JSON.parse refuses it. */
const BYTE_ORDER_MARK = '\uFEFF';

/** How a parse takes the records: checked one by one (checkRecords), or as already checked (recordsAsChecked). */
export type RecordsOf = (records: readonly unknown[]) => { memories: Memory[]; flaws: StoreFlaw[] };

/** Records a write of ours left under this build's rules (see storeOurWriteLeft): all sound, none left out. */
export const recordsAsChecked: RecordsOf = (records) => ({ memories: records as Memory[], flaws: [] });

export function parseStore(text: string, recordsOf: RecordsOf = checkRecords): ParsedStore {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, problem: { kind: 'json', detail: describeJsonError(text, error as Error) } };
  }
  // The head is checked without its records: zod walking 10,000 of them as unknowns cost more
  // than parsing them (a Claude Code hook reads the whole store at every start).
  const records = (json as { memories?: unknown } | null)?.memories;
  const result = StoreHeadSchema.safeParse(Array.isArray(records) ? { ...(json as object), memories: [] } : json);
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  // A newer server may have changed the shape: that is not damage, so it is said as such (and
  // never quarantined) rather than reported as a schema failure.
  if (!result.success && typeof version === 'number' && version > STORE_SCHEMA_VERSION) {
    return { ok: false, problem: { kind: 'too_new', detail: `schemaVersion ${version}`, schemaVersion: version } };
  }
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    return { ok: false, problem: { kind: 'schema', detail: `${where}: ${issue.message}` } };
  }
  const { memories, flaws } = recordsOf(records as unknown[]);
  if (result.data.schemaVersion > STORE_SCHEMA_VERSION && flaws.some((flaw) => flaw.kind === 'invalid')) {
    return { ok: false, problem: { kind: 'too_new', detail: `schemaVersion ${result.data.schemaVersion}`, schemaVersion: result.data.schemaVersion } };
  }
  return { ok: true, data: { ...result.data, memories }, flaws };
}

function describeJsonError(text: string, error: Error): string {
  if (text.trim() === '') return 'the file is empty';
  const position = /position (\d+)/u.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const line = text.slice(0, Number(position)).split('\n').length;
  return `${error.message.replace(/ in JSON at position \d+.*$/u, '')} (line ${line})`;
}

export const writeIdOf = (data: StoreData): string | undefined => (typeof data.writeId === 'string' ? data.writeId : undefined);

/** The writeId from the first bytes of a store file, without reading or parsing the rest. */
export function writeIdInHead(head: string): string | undefined {
  return /^\{"schemaVersion":\d+,"writeId":"([A-Za-z0-9_-]+)"/u.exec(head)?.[1];
}
