import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * 5: a head line (format, kind, code, the analyses as columns, and how many contents they are of
 * with the digest of their JSON), then the contents' JSON on a line of their own, parsed only
 * when the contents asked for are not the ones named by the digest: a capture hook at 10,000
 * memories parsed the 10,000 strings (~5-10 ms) to compare each with its memory's. 4: the
 * contents and the columns in one JSON object; 3: a [content, analysis] pair per entry.
 */
const FORMAT = 5;

/**
 * Contents analysed afresh that a process leaves out of a sound file rather than write it again:
 * a capture adds a memory or two, whose analysis the next process repeats in microseconds, where
 * writing the file of 10,000 entries cost the capture hook ~5 ms.
 */
const NEW_CONTENTS_BEFORE_WRITE = 32;

/**
 * How one kind of analysis is kept in the file: the JSON of the values of every entry (columns,
 * say), and back: the value at each entry, undefined for a damaged one; undefined for the whole
 * when it is not the JSON of `count` values.
 */
export interface AnalysisCodec<T> {
  kind: string;
  encodeAll(values: readonly T[]): unknown;
  decodeAll(raw: unknown, count: number): ((at: number) => T | undefined) | undefined;
}

/**
 * What was derived from memory contents (their search terms, their facts), kept beside the store
 * in `<store>.<kind>.cache`, so that a process started for one Claude Code hook does not analyse
 * 10,000 contents again (issue #17 point 2; README "Performance"). Derived data, never a user's:
 * - an entry is keyed by the content it was derived from and used only for a memory holding
 *   exactly that text, so however the store changed behind it (another process, a hand edit, a
 *   rewrite), the cache never speaks for a content it did not see: a changed or new memory is
 *   analysed afresh, and the store stays the only source of the memories themselves;
 * - it is tied to the code that made it (`code`, the build's digest): a cache of another build,
 *   whose analysis may differ, is not used at all;
 * - a cache missing, unreadable or damaged costs only time: it is read as empty (a damaged entry
 *   as missing) and written anew, atomically (temp file, then rename), so a reader sees one whole
 *   version and concurrent writers (two hooks) only race to leave one of two whole, valid files.
 */
export class AnalysisCache<T> {
  /** The file's entries in its order, decoded on use; read on first use. */
  #stored: StoredEntries<T> | undefined;
  /** Whether #stored came from a sound file of this kind and build. */
  #read = false;
  /** Where the next content is looked for first in #stored (see get). */
  #next = 0;
  /** Each content of #stored → where it is; made only for a content out of place. */
  #storedAt: Map<unknown, number> | undefined;
  /** Every content asked for, in order, and its analysis: what the next file holds. */
  #usedContents: string[] = [];
  #usedValues: T[] = [];
  /** Contents asked for out of the file's order. */
  #moved = false;
  /** Contents analysed here (not in the file, or damaged there). */
  #analysed = 0;

  constructor(
    /** The store the contents come from; the cache sits beside it. */
    private readonly storePath: string,
    private readonly code: string,
    private readonly codec: AnalysisCodec<T>,
  ) {}

  get path(): string {
    return `${this.storePath}.${this.codec.kind}.cache`;
  }

  /**
   * The analyses of `contents`, asked for before any other (an index built from every memory):
   * when the file's contents are exactly the first of them (the digest of their JSON is the one
   * the file names), its analyses are taken for those in one pass, with no content compared or
   * even parsed; the others (a capture's few new memories) are analysed afresh. Otherwise each
   * is looked up as get() does.
   */
  getAll(contents: readonly string[], analyse: (content: string) => T): T[] {
    const stored = this.#entries();
    if (this.#usedContents.length > 0 || stored.count > contents.length || stored.count === 0 || digestOf(contents.slice(0, stored.count)) !== stored.digest) {
      return contents.map((content) => this.get(content, analyse));
    }
    const values: T[] = new Array<T>(contents.length);
    for (let at = 0; at < contents.length; at++) {
      let value = at < stored.count ? stored.valueAt(at) : undefined;
      if (value === undefined) {
        value = analyse(contents[at]!);
        this.#analysed++;
      }
      values[at] = value;
    }
    this.#next = stored.count;
    this.#usedContents = contents.slice();
    this.#usedValues = values.slice();
    return values;
  }

  /**
   * The analysis of `content`: the cache's when it holds one, else `analyse(content)`. The file
   * lists the contents in the order the last process asked for them, which is the store's (an
   * index asks for every memory in order), so a content is first compared with the entry after
   * the last one found: a capture hook finds its 10,000 without a map of every content. Past
   * the file's last entry come the memories added since, nearly always new contents: they are
   * analysed afresh (as a content found anyway would give) rather than looked up.
   */
  get(content: string, analyse: (content: string) => T): T {
    const stored = this.#entries();
    let at: number | undefined = this.#next;
    if (at >= stored.count) at = undefined;
    else if (stored.contents()[at] !== content) {
      this.#moved = true;
      this.#storedAt ??= new Map(stored.contents().map((known, i) => [known, i]));
      at = this.#storedAt.get(content);
    }
    let value: T | undefined;
    if (at !== undefined) {
      this.#next = at + 1;
      value = stored.valueAt(at);
    }
    if (value === undefined) {
      value = analyse(content);
      this.#analysed++;
    }
    this.#usedContents.push(content);
    this.#usedValues.push(value);
    return value;
  }

  /**
   * Writes what this process asked for when the file is missing or damaged, holds entries no
   * longer asked for or in another order, or lacks more than NEW_CONTENTS_BEFORE_WRITE of them.
   * Best effort: a cache that cannot be written only costs the next process time.
   */
  async save(): Promise<void> {
    const stored = this.#stored;
    const used = this.#usedContents.length;
    if (stored === undefined || used === 0) return;
    if (this.#read && !this.#moved && used - this.#analysed === stored.count && this.#analysed <= NEW_CONTENTS_BEFORE_WRITE) return;
    const contents = JSON.stringify(this.#usedContents);
    const head = { format: FORMAT, kind: this.codec.kind, code: this.code, count: used, digest: digestOfJson(contents), values: this.codec.encodeAll(this.#usedValues) };
    // Named like the store's own temp files (<store>.<pid>.<random>.tmp), so the clean-up of a
    // killed writer's leftovers (removeOrphanTempFiles) knows whose it is.
    const temp = `${this.storePath}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(head)}\n${contents}\n`, { mode: 0o600 });
      await rename(temp, this.path);
      // A process asking again goes on from here, as the next process would start.
      const known = this.#usedContents.slice();
      const values = this.#usedValues.slice();
      this.#stored = { count: used, digest: head.digest, contents: () => known, valueAt: (at) => values[at] };
      this.#read = true;
      this.#next = used;
      this.#storedAt = undefined;
      this.#moved = false;
      this.#analysed = 0;
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  #entries(): StoredEntries<T> {
    if (this.#stored) return this.#stored;
    const none: StoredEntries<T> = { count: 0, digest: '', contents: () => [], valueAt: () => undefined };
    this.#stored = none;
    let file: Buffer;
    let head: { format?: unknown; kind?: unknown; code?: unknown; count?: unknown; digest?: unknown; values?: unknown } | null;
    let headEnd: number;
    try {
      // Blocking, like the store's own version check: this runs inside building an index.
      file = readFileSync(this.path);
      headEnd = file.indexOf(0x0a);
      head = JSON.parse(file.toString('utf8', 0, headEnd === -1 ? file.length : headEnd)) as typeof head;
    } catch {
      return none; // none yet, unreadable, or not JSON: analysed afresh and written anew
    }
    if (head?.format !== FORMAT || head.kind !== this.codec.kind || head.code !== this.code || headEnd === -1) return none;
    const { count, digest } = head;
    if (!Number.isInteger(count) || (count as number) <= 0 || typeof digest !== 'string') return none;
    const valueAt = this.codec.decodeAll(head.values, count as number);
    if (!valueAt) return none;
    let contents: readonly unknown[] | undefined;
    const parsedContents = (): readonly unknown[] => {
      if (contents) return contents;
      try {
        const parsed: unknown = JSON.parse(file.toString('utf8', headEnd + 1));
        // Contents that are not `count` entries match none: every lookup then analyses afresh.
        contents = Array.isArray(parsed) && parsed.length === count ? parsed : [];
      } catch {
        contents = [];
      }
      return contents;
    };
    this.#read = true;
    // A damaged content keeps its place (never equal to a memory's, which is a string), so the rest stay in order.
    return (this.#stored = { count: count as number, digest, contents: parsedContents, valueAt });
  }
}

/**
 * A file's entries in its order: how many, the digest of their contents' JSON, each content
 * (anything else: damaged; parsed when first asked for) and its analysis as stored (undefined: damaged).
 */
interface StoredEntries<T> {
  count: number;
  digest: string;
  contents(): readonly unknown[];
  valueAt(at: number): T | undefined;
}

/** Names the contents exactly: JSON, so no two lists of strings give the same text. */
const digestOfJson = (json: string): string => createHash('sha1').update(json).digest('base64url');
const digestOf = (contents: readonly string[]): string => digestOfJson(JSON.stringify(contents));
