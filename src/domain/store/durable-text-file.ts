import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { type FileStat, fileStatOf } from './file-version.js';
import { pidNamespaceHere } from './process-alive.js';
import { symlinkTarget } from './symlink-target.js';

/**
 * lowdb's bottom layer: a text file written so that a crash or a full disk can never leave it
 * half-written. Each write goes to a temp file unique to this process and call, is fsync'd, then
 * renamed over the target (atomic on POSIX), and the folder is fsync'd so the rename survives
 * a power cut. Readers therefore always see a whole old or a whole new file.
 */
export class DurableTextFile implements Adapter<string> {
  constructor(readonly path: string) {}

  async read(): Promise<string | null> {
    // Decoded in one piece: read with an encoding, Node 20 decodes chunk by chunk into a rope that
    // the first look at the text (parseStore's BOM check) copies flat, twice the file in garbage.
    return (await this.readBytes())?.toString('utf8') ?? null;
  }

  /** The file's bytes; null when there is no file. */
  async readBytes(): Promise<Buffer | null> {
    try {
      return await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * The first `bytes` bytes (fewer for a shorter file), to identify a version cheaply. Blocking
   * on purpose: it runs before every read, and three thread-pool round trips (open, read, close)
   * cost ~50× the few microseconds the calls take inline.
   */
  async readHead(bytes: number): Promise<string> {
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      return buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
    } finally {
      closeSync(fd);
    }
  }

  /**
   * `beforeReplace` runs once the new text is safely on disk and just before it replaces the
   * file; if it throws, the file is left as it was. Chunks are written as they come, so a big
   * store is never held whole as bytes.
   */
  async write(text: string | Buffer | Iterable<Buffer>, beforeReplace?: () => Promise<void>): Promise<void> {
    // Through a symbolic link to its target: the rename replaces the file the link names.
    const target = await symlinkTarget(this.path);
    const temp = tempPathFor(target);
    try {
      const handle = await open(temp, 'wx', 0o644);
      try {
        if (typeof text === 'string' || Buffer.isBuffer(text)) await handle.writeFile(text);
        else for (const chunk of text) await writeAllAt(handle, chunk, null);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await beforeReplace?.();
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncFolder(dirname(target));
  }

  /**
   * Turns a file ending in `tail` into one ending in `bytes` (which start where `tail` did), in
   * place: an add costs its own bytes instead of a copy of the whole file. Returns the stat of
   * the file written, or undefined (file untouched) when it does not end with `tail`.
   * `beforeWrite` runs on the open file just before writing; if it throws, nothing is written.
   *
   * Two synced steps, so that no crash can leave a file a truncation could also have left: all
   * but the first `tail.length` bytes go after the end, the old file staying whole before them;
   * then the first bytes replace `tail`. What a crash cuts short is the old file followed by
   * bytes readers recognise as a torn append (torn-append.ts).
   */
  async appendOverTail(tail: Buffer, bytes: Buffer, beforeWrite?: () => Promise<void>): Promise<FileStat | undefined> {
    const handle = await open(this.path, 'r+');
    try {
      const { size } = await handle.stat();
      if (size < tail.length || bytes.length <= tail.length) return undefined;
      const end = Buffer.alloc(tail.length);
      await handle.read(end, 0, tail.length, size - tail.length);
      if (!end.equals(tail)) return undefined;
      await beforeWrite?.();
      // Neither step is undone if it fails: a file shortened in place could repeat the size and
      // mtime of a version a reader holds. What a failure leaves is a torn append (read as the
      // store without it, repaired by the next write) or, after the second step, the whole add
      // (a retry finds it stored).
      await writeAllAt(handle, bytes.subarray(tail.length), size);
      await handle.datasync();
      await writeAllAt(handle, bytes.subarray(0, tail.length), size - tail.length);
      await handle.datasync();
      return fileStatOf(await handle.stat({ bigint: true }));
    } finally {
      await handle.close();
    }
  }
}

/** All of `bytes` at `position`, or (null) at the file's current position. */
async function writeAllAt(handle: FileHandle, bytes: Buffer, position: number | null): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position === null ? null : position + done);
    done += bytesWritten;
  }
}

const TEMP_SUFFIX = '.tmp';

async function untouchedSince(path: string, sinceMs: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && info.mtimeMs < sinceMs;
}

/**
 * `<store>.<pid>.<ns>-<random>.tmp`: the pid says who owns it, `ns` (the number of its PID
 * namespace, where Linux tells it) in which namespace that pid means it, the random part keeps
 * concurrent writers apart. Older versions read the pid alone, as before.
 */
function tempPathFor(path: string): string {
  const ns = namespaceNumber(pidNamespaceHere());
  return `${path}.${process.pid}.${ns === undefined ? '' : `${ns}-`}${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

const namespaceNumber = (namespace: string | undefined): string | undefined => (namespace === undefined ? undefined : /\d+/u.exec(namespace)?.[0]);

/** The PID namespace a temp file's name gives (see tempPathFor); undefined for names without one. */
const namespaceOfTemp = (afterPid: string | undefined): string | undefined => /^(\d+)-[0-9a-f]+$/u.exec(afterPid ?? '')?.[1];

async function syncFolder(dir: string): Promise<void> {
  // Not every platform can open a folder for fsync (Windows cannot); the rename is still atomic there.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/**
 * A temp file is written and renamed within one write; one untouched this long is a dead
 * writer's whatever its pid names now: pid 1 of every container (a restarted container's server
 * is pid 1 again), a pid reused by a long-lived process, or one of another PID namespace. Were
 * its writer only frozen, its rename then fails and the write is refused, never half-done.
 */
const ORPHAN_AFTER_MS = 10 * 60_000;

/**
 * A temp file named for another PID namespace (see tempPathFor) may be a live writer's in a
 * container sharing the folder, whatever its pid names here: each capture hook sweeps as it
 * starts, and removed a host server's temp file mid-rewrite (its rename failed with ENOENT: 3
 * refused adds in a 90 s stress run at 10,000 memories). It is left for this long, far more than
 * any write takes, unless its pid is alive here too (then ORPHAN_AFTER_MS).
 */
const FOREIGN_ORPHAN_AFTER_MS = 60_000;

/**
 * Temp files are left only by a process that died between open and rename. Remove those whose
 * owner is gone (or that no one touched for ORPHAN_AFTER_MS); a live owner may be mid-write and
 * its file is left alone.
 */
export async function removeOrphanTempFiles(storePath: string, isProcessAlive: (pid: number) => boolean): Promise<string[]> {
  const removed: string[] = [];
  // Temp files are made beside the file written: a link's target, or (before links were
  // followed) the link itself.
  const target = await symlinkTarget(storePath).catch(() => storePath);
  for (const path of new Set([storePath, target])) removed.push(...(await removeOrphansBeside(path, isProcessAlive)));
  return removed;
}

async function removeOrphansBeside(storePath: string, isProcessAlive: (pid: number) => boolean): Promise<string[]> {
  const dir = dirname(storePath);
  const prefix = `${basename(storePath)}.`;
  const removed: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const [pidPart, afterPid] = name.slice(prefix.length).split('.');
    const pid = Number(pidPart);
    const alive = Number.isInteger(pid) && pid > 0 && isProcessAlive(pid);
    const namespace = namespaceOfTemp(afterPid);
    const foreign = namespace !== undefined && namespace !== namespaceNumber(pidNamespaceHere());
    const keptFor = alive ? ORPHAN_AFTER_MS : foreign ? FOREIGN_ORPHAN_AFTER_MS : 0;
    if (keptFor > 0 && !(await untouchedSince(join(dir, name), Date.now() - keptFor))) continue;
    await unlink(join(dir, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
