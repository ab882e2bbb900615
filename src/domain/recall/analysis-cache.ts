import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/** 2: the facts as hashes (cached-analyses.ts). */
const FORMAT = 2;

/**
 * Contents analysed afresh that a process leaves out of a sound file rather than write it again:
 * a capture adds a memory or two, whose analysis the next process repeats in microseconds, where
 * writing the file of 10,000 entries cost the capture hook ~5 ms.
 */
const NEW_CONTENTS_BEFORE_WRITE = 32;

/** How one kind of analysis is kept in the file: the JSON of a value, and back (undefined for a damaged entry). */
export interface AnalysisCodec<T> {
  kind: string;
  encode(value: T): unknown;
  decode(raw: unknown): T | undefined;
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
  /** Contents → the raw entries read from the file, decoded on use; read on first use. */
  #stored: Map<string, unknown> | undefined;
  /** Whether #stored came from a sound file of this kind and build. */
  #read = false;
  /** What this process used, and so what the next file holds. */
  readonly #used = new Map<string, T>();
  /** Contents of #used analysed here (not in the file, or damaged there). */
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

  /** The analysis of `content`: the cache's when it holds one, else `analyse(content)`. */
  get(content: string, analyse: (content: string) => T): T {
    let value = this.#used.get(content);
    if (value !== undefined) return value;
    const stored = this.#entries().get(content);
    value = stored === undefined ? undefined : this.codec.decode(stored);
    if (value === undefined) {
      value = analyse(content);
      this.#analysed++;
    }
    this.#used.set(content, value);
    return value;
  }

  /**
   * Writes what this process used when the file is missing or damaged, holds entries of contents
   * no longer used, or lacks more than NEW_CONTENTS_BEFORE_WRITE of the contents used. Best
   * effort: a cache that cannot be written only costs the next process time.
   */
  async save(): Promise<void> {
    const stored = this.#stored;
    if (stored === undefined || this.#used.size === 0) return;
    const fromFile = this.#used.size - this.#analysed;
    if (this.#read && fromFile === stored.size && this.#analysed <= NEW_CONTENTS_BEFORE_WRITE) return;
    const entries = [...this.#used].map(([content, value]) => [content, this.codec.encode(value)]);
    const text = JSON.stringify({ format: FORMAT, kind: this.codec.kind, code: this.code, entries });
    // Named like the store's own temp files (<store>.<pid>.<random>.tmp), so the clean-up of a
    // killed writer's leftovers (removeOrphanTempFiles) knows whose it is.
    const temp = `${this.storePath}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
    try {
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.path);
      this.#stored = new Map(entries as Array<[string, unknown]>);
      this.#read = true;
      this.#analysed = 0;
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  #entries(): Map<string, unknown> {
    if (this.#stored) return this.#stored;
    this.#stored = new Map();
    let json: { format?: unknown; kind?: unknown; code?: unknown; entries?: unknown } | null;
    try {
      // Blocking, like the store's own version check: this runs inside building an index.
      json = JSON.parse(readFileSync(this.path, 'utf8')) as typeof json;
    } catch {
      return this.#stored; // none yet, unreadable, or not JSON: analysed afresh and written anew
    }
    if (json?.format !== FORMAT || json.kind !== this.codec.kind || json.code !== this.code || !Array.isArray(json.entries)) return this.#stored;
    this.#read = true;
    for (const entry of json.entries as unknown[]) {
      if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string') this.#stored.set(entry[0], entry[1]);
    }
    return this.#stored;
  }
}
