import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * 4: the contents asked for, in the order asked, and their analyses as columns beside them (3: a
 * [content, analysis] pair per entry, whose 10,000 small arrays took a capture hook ~10 ms to
 * parse and walk; 2: the facts as hashes, cached-analyses.ts).
 */
const FORMAT = 4;

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
  readonly #usedContents: string[] = [];
  readonly #usedValues: T[] = [];
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
    if (stored.contents[at] !== content) {
      if (at < stored.contents.length) {
        this.#moved = true;
        this.#storedAt ??= new Map(stored.contents.map((known, i) => [known, i]));
      }
      at = this.#storedAt?.get(content);
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
    if (this.#read && !this.#moved && used - this.#analysed === stored.contents.length && this.#analysed <= NEW_CONTENTS_BEFORE_WRITE) return;
    const text = JSON.stringify({ format: FORMAT, kind: this.codec.kind, code: this.code, contents: this.#usedContents, values: this.codec.encodeAll(this.#usedValues) });
    // Named like the store's own temp files (<store>.<pid>.<random>.tmp), so the clean-up of a
    // killed writer's leftovers (removeOrphanTempFiles) knows whose it is.
    const temp = `${this.storePath}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
    try {
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.path);
      // A process asking again goes on from here, as the next process would start.
      const values = this.#usedValues.slice();
      this.#stored = { contents: this.#usedContents.slice(), valueAt: (at) => values[at] };
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
    const none: StoredEntries<T> = { contents: [], valueAt: () => undefined };
    this.#stored = none;
    let json: { format?: unknown; kind?: unknown; code?: unknown; contents?: unknown; values?: unknown } | null;
    try {
      // Blocking, like the store's own version check: this runs inside building an index.
      json = JSON.parse(readFileSync(this.path, 'utf8')) as typeof json;
    } catch {
      return none; // none yet, unreadable, or not JSON: analysed afresh and written anew
    }
    if (json?.format !== FORMAT || json.kind !== this.codec.kind || json.code !== this.code || !Array.isArray(json.contents)) return none;
    const contents = json.contents as unknown[];
    const valueAt = this.codec.decodeAll(json.values, contents.length);
    if (!valueAt) return none;
    this.#read = true;
    // A damaged content keeps its place (never equal to a memory's, which is a string), so the rest stay in order.
    return (this.#stored = { contents, valueAt });
  }
}

/** A cache file's entries in its order: each content (anything else: damaged) and its analysis as stored (undefined: damaged). */
interface StoredEntries<T> {
  contents: readonly unknown[];
  valueAt(at: number): T | undefined;
}
