import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The file of the facts cache (facts-cache.ts): what it holds, read and written.

/**
 * 6: the layout of 5, with fact cores that join compounds and put names after their kind
 * (compound-joins.ts, named-things.ts), so 5's core hashes would hide duplicates; a build's digest
 * (`code`) already tells builds apart, this tells the file's meaning apart whatever the code is named.
 * 5: a head line (format, kind, code, the facts as two columns, and how many contents they are
 * of with the digest of their JSON), then the contents' JSON on a line of their own, parsed only
 * when the contents asked for are not the ones the digest names: a capture hook at 10,000
 * memories parsed the 10,000 strings (~5-10 ms) to compare each with its memory's. 4: the
 * contents and the columns in one JSON object; 3: a [content, facts] pair per entry.
 */
const FORMAT = 6;
/** The file's kind, in its head and its name (`<store>.facts.cache`). */
export const FACTS_FILE_KIND = 'facts';

/** A hash as hashOf makes one: a 30-bit unsigned integer. */
export const isHash = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 30;

/**
 * A file's entries in its order: how many, the digest of their contents' JSON, their facts as
 * stored (anything but a hash: damaged), and each content (anything but a string: damaged),
 * parsed when first asked for.
 */
export interface StoredFacts {
  count: number;
  digest: string;
  keys: readonly unknown[];
  cores: readonly unknown[];
  contents(): readonly unknown[];
}

/** A file read as none: no facts, so every content is analysed afresh. */
export const NO_FACTS: StoredFacts = { count: 0, digest: '', keys: [], cores: [], contents: () => [] };

/**
 * The entries of the file at `path` when it is of this format and kind and was written by `code`
 * (the build's digest); undefined when it is missing, unreadable, of another build or not sound.
 */
export function readFactsFile(path: string, code: string): StoredFacts | undefined {
  let file: Buffer;
  let head: { format?: unknown; kind?: unknown; code?: unknown; count?: unknown; digest?: unknown; values?: { keys?: unknown; cores?: unknown } } | null;
  let headEnd: number;
  try {
    // Blocking, like the store's own version check: this runs inside building an index.
    file = readFileSync(path);
    headEnd = file.indexOf(0x0a);
    head = JSON.parse(file.toString('utf8', 0, headEnd === -1 ? file.length : headEnd)) as typeof head;
  } catch {
    return undefined; // none yet, unreadable, or not JSON: analysed afresh and written anew
  }
  if (head?.format !== FORMAT || head.kind !== FACTS_FILE_KIND || head.code !== code || headEnd === -1) return undefined;
  const { count, digest } = head;
  const keys = head.values?.keys;
  const cores = head.values?.cores;
  if (!Number.isInteger(count) || (count as number) <= 0 || typeof digest !== 'string') return undefined;
  // Columns of the wrong length read as no cache; a damaged value in one, as that entry missing.
  if (!Array.isArray(keys) || !Array.isArray(cores) || keys.length !== count || cores.length !== count) return undefined;
  let contents: readonly unknown[] | undefined;
  const parsedContents = (): readonly unknown[] => {
    if (contents) return contents;
    try {
      const parsed: unknown = JSON.parse(file.toString('utf8', headEnd + 1));
      // Contents that are not `count` entries match none: every look-up then analyses afresh.
      contents = Array.isArray(parsed) && parsed.length === count ? parsed : [];
    } catch {
      contents = [];
    }
    return contents;
  };
  // A damaged content keeps its place (never equal to a memory's, which is a string), so the rest stay in order.
  return { count: count as number, digest, keys: keys as unknown[], cores: cores as unknown[], contents: parsedContents };
}

/** The file's text for `contents` and their facts, and the digest its head names them by. */
export function factsFileText(code: string, contents: readonly string[], keys: readonly number[], cores: readonly number[]): { text: string; digest: string } {
  const json = JSON.stringify(contents);
  const digest = digestOfJson(json);
  const head = { format: FORMAT, kind: FACTS_FILE_KIND, code, count: contents.length, digest, values: { keys, cores } };
  return { text: `${JSON.stringify(head)}\n${json}\n`, digest };
}

/** Names the contents exactly: JSON, so no two lists of strings give the same text. */
const digestOfJson = (json: string): string => createHash('sha1').update(json).digest('base64url');
export const digestOf = (contents: readonly string[]): string => digestOfJson(JSON.stringify(contents));
