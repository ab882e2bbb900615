import { z } from 'zod';
import { MemorySchema } from '../memory.js';

/** Bumped only for a change an older server could not read correctly; it then refuses to write. */
export const STORE_SCHEMA_VERSION = 1;

export const StoreDataSchema = z.looseObject({
  schemaVersion: z.number().int().positive(),
  project: z.object({ name: z.string(), root: z.string() }).optional(),
  memories: z.array(MemorySchema),
});
export type StoreData = z.infer<typeof StoreDataSchema>;

export const emptyStore = (): StoreData => ({ schemaVersion: STORE_SCHEMA_VERSION, memories: [] });

/**
 * One memory per line: a store committed to git then diffs one line per changed memory, and
 * serialising is a JSON.stringify per memory rather than one pretty-printer over the whole file.
 */
export function serialiseStore(data: StoreData): string {
  const { memories, ...header } = data;
  const head = JSON.stringify(header).slice(0, -1);
  if (memories.length === 0) return `${head},"memories":[]}\n`;
  return `${head},"memories":[\n${memories.map((memory) => JSON.stringify(memory)).join(',\n')}\n]}\n`;
}

export type StoreProblem = { kind: 'json'; detail: string } | { kind: 'schema'; detail: string };

export type ParsedStore = { ok: true; data: StoreData } | { ok: false; problem: StoreProblem };

export function parseStore(text: string): ParsedStore {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { kind: 'json', detail: describeJsonError(text, error as Error) } };
  }
  const result = StoreDataSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    return { ok: false, problem: { kind: 'schema', detail: `${where}: ${issue.message}` } };
  }
  return { ok: true, data: result.data };
}

function describeJsonError(text: string, error: Error): string {
  if (text.trim() === '') return 'the file is empty';
  const position = /position (\d+)/u.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const line = text.slice(0, Number(position)).split('\n').length;
  return `${error.message.replace(/ in JSON at position \d+.*$/u, '')} (line ${line})`;
}
