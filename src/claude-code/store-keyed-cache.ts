import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const FORMAT = 1;

/** The store file's exact bytes and their digest; undefined when it cannot be read (missing, a folder, no access). */
export function readStoreBytes(storePath: string): { bytes: Buffer; digest: string } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(storePath);
  } catch {
    return undefined;
  }
  // sha1 for speed (~1 ms for a 10,000-memory store): this names contents, it guards nothing.
  return { bytes, digest: createHash('sha1').update(bytes).digest('hex') };
}

/**
 * One value a Claude Code hook derived from a JSON store, kept beside it in
 * `<store>.<kind>.cache` for the next hook process, which would otherwise parse the whole store
 * again (issue #17 point 2; README "Performance"). It is never trusted over the store: the value
 * is used only while the store's bytes are exactly those it was derived from (`key` holds their
 * digest), by the same build (`code`, the bundle's digest). A file missing, damaged, of another
 * format or build, or for other bytes reads as nothing, and the hook takes the full path. It may
 * be deleted at any time. Written by temp file and rename, so a reader sees one whole version.
 */
export class StoreKeyedCache<T> {
  constructor(
    private readonly storePath: string,
    private readonly kind: string,
    private readonly code: string,
  ) {}

  get path(): string {
    return `${this.storePath}.${this.kind}.cache`;
  }

  read(key: string): T | undefined {
    try {
      const json = JSON.parse(readFileSync(this.path, 'utf8')) as { format?: unknown; code?: unknown; key?: unknown; value?: unknown } | null;
      return json?.format === FORMAT && json.code === this.code && json.key === key ? (json.value as T) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Best effort: a cache that cannot be written only costs the next hook time. */
  write(key: string, value: T): void {
    writeBesideStore(this.storePath, this.path, JSON.stringify({ format: FORMAT, code: this.code, key, value }));
  }
}

/**
 * Writes a file the hooks keep beside a store, whole or not at all (temp file, then rename), so
 * a reader sees one version and two hooks writing at once only race to leave one of two. Best
 * effort: a file that cannot be written only costs the next hook time.
 */
export function writeBesideStore(storePath: string, path: string, contents: string | Uint8Array): void {
  // Named like the store's own temp files (<store>.<pid>.<random>.tmp), so the clean-up of a
  // killed writer's leftovers (removeOrphanTempFiles) knows whose it is.
  const temp = `${storePath}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    writeFileSync(temp, contents, { mode: 0o600 });
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Left for the clean-up of orphan temp files.
    }
  }
}
