import { z } from 'zod';
import { type Memory, MemorySchema } from '../memory.js';
import { type StoreFlaw, checkRecords } from './store-records.js';

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

/**
 * Memory objects are never mutated once stored (an update stores a new object), so each one's
 * line is serialised and UTF-8 encoded once and reused by every later write of the file.
 */
const lineCache = new WeakMap<Memory, Buffer>();
const SEPARATOR = Buffer.from(',\n');
/** How every store with at least one memory ends; an append writes over it (see appendBytes). */
export const STORE_TAIL = Buffer.from('\n]}\n');
const STORE_TAIL_TEXT = STORE_TAIL.toString('utf8');

function memoryLine(memory: Memory): Buffer {
  let line = lineCache.get(memory);
  if (line === undefined) lineCache.set(memory, (line = Buffer.from(JSON.stringify(memory))));
  return line;
}

/**
 * One memory per line: a store committed to git then diffs one line per changed memory, and a
 * write copies cached bytes instead of stringifying, joining and encoding the whole file again.
 */
export const serialiseStoreBytes = (data: StoreData): Buffer => Buffer.concat(storeParts(data));

/** The length of serialiseStoreBytes of a store with head line `header` and `memories` (at least one), from the cached lines. */
export function serialisedLengthOf(header: string, memories: readonly Memory[]): number {
  let length = Buffer.byteLength(header) + 1 + STORE_TAIL.length + SEPARATOR.length * (memories.length - 1);
  for (const memory of memories) length += memoryLine(memory).length;
  return length;
}

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

function storeParts(data: StoreData): Buffer[] {
  const { memories } = data;
  if (memories.length === 0) return [Buffer.from(`${headLine(data)}]}\n`)];
  const parts: Buffer[] = [Buffer.from(`${headLine(data)}\n`)];
  memories.forEach((memory, i) => {
    if (i > 0) parts.push(SEPARATOR);
    parts.push(memoryLine(memory));
  });
  parts.push(STORE_TAIL);
  return parts;
}

/**
 * Written over STORE_TAIL, these bytes turn a serialised store into the same store with
 * `memories` added at the end, exactly as serialiseStoreBytes would write it.
 */
export function appendBytes(memories: readonly Memory[]): Buffer {
  const parts: Buffer[] = [];
  for (const memory of memories) parts.push(SEPARATOR, memoryLine(memory));
  parts.push(STORE_TAIL);
  return Buffer.concat(parts);
}

/**
 * Whether `text` (which parsed as `data`) looks laid out as serialiseStoreBytes writes it: our
 * head line (every other field before the memories), one line per memory, and the tail closing
 * both. Only then does an add written over the tail land in the memories array; a file someone
 * edited may hold no memory line to follow, or another array after `memories`, and is rewritten
 * whole instead. Cheap, and a first sieve: StoreCopy.provenAppendable proves it by length before the
 * first append.
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

export function parseStore(text: string): ParsedStore {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, problem: { kind: 'json', detail: describeJsonError(text, error as Error) } };
  }
  const result = StoreHeadSchema.safeParse(json);
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
  const { memories, flaws } = checkRecords(result.data.memories);
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
