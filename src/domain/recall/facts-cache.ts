import { rename, rm, writeFile } from 'node:fs/promises';
import { NO_CORE } from './index-entries.js';
import { FACTS_FILE_KIND, NO_FACTS, type StoredFacts, digestOf, factsFileText, isHash, readFactsFile } from './facts-file.js';
import type { FactColumns, FactHashes } from './fact-hashes.js';


/**
 * Contents analysed afresh that a process leaves out of a sound file rather than write it again:
 * a capture adds a memory or two, whose analysis the next process repeats in microseconds, where
 * writing the file of 10,000 entries cost the capture hook ~5 ms.
 */
const NEW_CONTENTS_BEFORE_WRITE = 32;


/**
 * The facts a capture's duplicate check derives from every stored content (the hashes of their
 * exact key and fact core, fact-hashes.ts), kept beside the store in
 * `<store>.facts.cache`, so that a process started for one Claude Code hook does not analyse
 * 10,000 contents again (issue #17 point 2; README "Performance"). Derived data, never a user's:
 * - an entry is used only for a memory holding exactly the text it was derived from: the
 *   contents asked for are the ones the file's digest names (then the columns are taken whole),
 *   or each is compared with the file's, so however the store changed behind it (another
 *   process, a hand edit, a rewrite) the cache never speaks for a content it did not see: a
 *   changed or new memory is analysed afresh, and the store stays the only source of the memories;
 * - it is tied to the code that made it (`code`, the build's digest): a cache of another build,
 *   whose analysis may differ, is not used at all;
 * - a cache missing, unreadable or damaged costs only time: it is read as empty (a damaged entry
 *   as missing) and written anew, atomically (temp file, then rename), so a reader sees one whole
 *   version and concurrent writers (two hooks) only race to leave one of two whole, valid files.
 * The facts only narrow a duplicate check's candidates (each is compared afresh), so an entry
 * that lies can at worst hide a duplicate, never make a new memory one.
 */
export class FactsCache {
  /** The file's entries in its order; read on first use. */
  #stored: StoredFacts | undefined;
  /** Whether #stored came from a sound file of this kind and build. */
  #read = false;
  /** Where the next content is looked for first in #stored (see get). */
  #next = 0;
  /** Each content of #stored → where it is; made only for a content out of place. */
  #storedAt: Map<unknown, number> | undefined;
  /** Every content asked for, in order, and its facts (in the first #usedContents.length places of the columns): what the next file holds. */
  #usedContents: string[] = [];
  #usedKeys = new Int32Array(64);
  #usedCores = new Int32Array(64);
  /** Contents asked for out of the file's order. */
  #moved = false;
  /** Contents analysed here (not in the file, or damaged there). */
  #analysed = 0;

  constructor(
    /** The store the contents come from; the cache sits beside it. */
    private readonly storePath: string,
    private readonly code: string,
    private readonly analyse: (content: string) => FactHashes,
  ) {}

  get path(): string {
    return `${this.storePath}.${FACTS_FILE_KIND}.cache`;
  }

  /**
   * The facts of `contents` as columns, asked for before any other (an index built from every
   * memory): when the file's contents are exactly the first of them (the digest of their JSON is
   * the one the file names), its columns are taken for those in one pass, no content compared or
   * even parsed; the others (a capture's few new memories) are analysed afresh. Otherwise each
   * is looked up as get() does.
   */
  getAll(contents: readonly string[]): FactColumns {
    const stored = this.#entries();
    const keys = new Int32Array(contents.length);
    const cores = new Int32Array(contents.length);
    const whole = this.#usedContents.length === 0 && stored.count > 0 && stored.count <= contents.length && digestOf(contents.slice(0, stored.count)) === stored.digest;
    if (!whole) {
      for (let at = 0; at < contents.length; at++) {
        const facts = this.get(contents[at]!);
        keys[at] = facts.key;
        cores[at] = facts.core ?? NO_CORE;
      }
      return { keys, cores };
    }
    const { keys: storedKeys, cores: storedCores } = stored;
    for (let at = 0; at < contents.length; at++) {
      const key = at < stored.count ? storedKeys[at] : undefined;
      const core = at < stored.count ? storedCores[at] : undefined;
      if (isHash(key) && (core === NO_CORE || isHash(core))) {
        keys[at] = key;
        cores[at] = core as number;
        continue;
      }
      const facts = this.analyse(contents[at]!);
      this.#analysed++;
      keys[at] = facts.key;
      cores[at] = facts.core ?? NO_CORE;
    }

    this.#next = stored.count;
    this.#usedContents = contents.slice();
    // Copies: the caller's columns are its own.
    this.#usedKeys = keys.slice();
    this.#usedCores = cores.slice();
    return { keys, cores };
  }

  /**
   * The facts of `content`: the cache's when it holds them, else analysed. The file lists the
   * contents in the order the last process asked for them, which is the store's (an index asks
   * for every memory in order), so a content is first compared with the entry after the last one
   * found: a hook finds its 10,000 without a map of every content. Past the file's last entry come
   * the memories added since, nearly always new contents: they are analysed afresh (as a content
   * found anyway would give) rather than looked up.
   */
  get(content: string): FactHashes {
    const stored = this.#entries();
    let at: number | undefined = this.#next;
    if (at >= stored.count) at = undefined;
    else if (stored.contents()[at] !== content) {
      this.#moved = true;
      this.#storedAt ??= new Map(stored.contents().map((known, i) => [known, i]));
      at = this.#storedAt.get(content);
    }
    let facts: FactHashes | undefined;
    if (at !== undefined) {
      this.#next = at + 1;
      const key = stored.keys[at];
      const core = stored.cores[at];
      if (isHash(key) && (core === NO_CORE || isHash(core))) facts = { key, core: core === NO_CORE ? undefined : core };
    }
    if (facts === undefined) {
      facts = this.analyse(content);
      this.#analysed++;
    }
    const place = this.#usedContents.push(content) - 1;
    if (place >= this.#usedKeys.length) {
      this.#usedKeys = grown(this.#usedKeys);
      this.#usedCores = grown(this.#usedCores);
    }
    this.#usedKeys[place] = facts.key;
    this.#usedCores[place] = facts.core ?? NO_CORE;
    return facts;
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
    const keys = Array.from(this.#usedKeys.subarray(0, used));
    const cores = Array.from(this.#usedCores.subarray(0, used));
    const { text, digest } = factsFileText(this.code, this.#usedContents, keys, cores);
    // Named like the store's own temp files (<store>.<pid>.<random>.tmp), so the clean-up of a
    // killed writer's leftovers (removeOrphanTempFiles) knows whose it is.
    const temp = `${this.storePath}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
    try {
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.path);
      // A process asking again goes on from here, as the next process would start.
      const known = this.#usedContents.slice();
      this.#stored = { count: used, digest, keys, cores, contents: () => known };
      this.#read = true;
      this.#next = used;
      this.#storedAt = undefined;
      this.#moved = false;
      this.#analysed = 0;
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  #entries(): StoredFacts {
    if (this.#stored) return this.#stored;
    const read = readFactsFile(this.path, this.code);
    this.#read = read !== undefined;
    return (this.#stored = read ?? NO_FACTS);
  }
}


function grown(column: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(64, 2 * column.length));
  bigger.set(column);
  return bigger;
}

