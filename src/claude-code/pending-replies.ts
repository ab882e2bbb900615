import { randomBytes } from 'node:crypto';
import { appendFile, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from '../domain/store/process-alive.js';

/** The memory blocks of a reply that could not be stored (store locked, damaged, disk full), kept for the next capture. */
export interface PendingReply {
  agent: string;
  /** The blocks only, not the whole reply. */
  text: string;
}

/**
 * A capture holds what it took for the few seconds of one hook (Claude Code's hook timeout is
 * 10 s, our deadline 6 s): a file taken longer ago than this is abandoned whatever its pid now
 * names (reused by a long-lived process, or a pid of another PID namespace sharing the folder).
 */
const ABANDONED_AFTER_MS = 60_000;

/** Files this process has taken and not yet released: a file named with our pid but not in here is a dead predecessor's. */
const takenHere = new Set<string>();

/**
 * Replies kept beside the store, `<store>.pending.jsonl`, so a capture that could not write never
 * loses a learning: the next capture takes them first. Appending a line needs no lock (each
 * append is one write of a whole line); taking the file is a rename, so two captures never both
 * take one reply, and one appended meanwhile lands in a fresh file.
 */
export class PendingReplies {
  constructor(
    private readonly storePath: string,
    private readonly now: () => number = Date.now,
  ) {}

  get path(): string {
    return `${this.storePath}.pending.jsonl`;
  }

  async keep(replies: readonly PendingReply[]): Promise<void> {
    if (replies.length === 0) return;
    await appendFile(this.path, replies.map((reply) => `${JSON.stringify(reply)}\n`).join(''), { mode: 0o600 });
  }

  /**
   * Takes every kept reply; `release` removes them once stored, `putBack` returns them to the spool.
   * Replies a capture took and then died holding (killed, or cut off by the hook deadline) sit in
   * its `<spool>.<pid>.<random>.taken`; they are taken again here once that pid is gone (or is
   * ours: a pid is reused, and a container's hooks soon get the same ones again), or they would be
   * lost. Storing one twice is harmless: the store's duplicate check keeps it once. The random part
   * keeps a claim from replacing a file of the same pid (rename overwrites its target).
   */
  async take(): Promise<{ replies: PendingReply[]; release: () => Promise<void>; putBack: () => Promise<void> }> {
    const claimed: string[] = [];
    for (const source of [...(await this.abandoned()), this.path]) {
      const target = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.taken`;
      try {
        takenHere.add(target);
        await rename(source, target); // one rename: two captures never both take a file
        claimed.push(target);
      } catch {
        takenHere.delete(target);
        // gone meanwhile (another capture took it), or no spool at all
      }
    }
    const texts = await Promise.all(claimed.map((file) => readFile(file, 'utf8').catch(() => '')));
    const replies = texts.flatMap(parseLines);
    const removeClaimed = async () => {
      await Promise.all(claimed.map((file) => rm(file, { force: true })));
      for (const file of claimed) takenHere.delete(file);
    };
    return {
      replies,
      release: removeClaimed,
      putBack: async () => {
        await this.keep(replies);
        await removeClaimed();
      },
    };
  }

  /**
   * Whether any reply is kept here or taken by a capture (alive or not): only where none is does
   * a capture with nothing new have nothing to do (the hooks' fast path, src/hooks-fast.ts). A
   * folder that cannot be read counts as holding some.
   */
  async holdsAny(): Promise<boolean> {
    const spool = basename(this.path);
    try {
      return (await readdir(dirname(this.path))).some((name) => name === spool || name.startsWith(`${spool}.`));
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  }

  /** Spool files taken by a capture whose process has ended (or that took them long ago). */
  private async abandoned(): Promise<string[]> {
    const spool = basename(this.path);
    const names = await readdir(dirname(this.path)).catch(() => [] as string[]);
    const found: string[] = [];
    for (const name of names) {
      if (!name.startsWith(`${spool}.`) || !name.endsWith('.taken')) continue;
      const path = join(dirname(this.path), name);
      if (takenHere.has(path)) continue;
      const pid = Number(name.slice(spool.length + 1).split('.')[0]);
      if (!Number.isInteger(pid) || pid <= 0) continue;
      if (pid === process.pid || !isProcessAlive(pid) || (await this.takenLongAgo(path))) found.push(path);
    }
    return found;
  }

  /** The ctime, which the claiming rename set and no one can set back: when the file was taken. */
  private async takenLongAgo(path: string): Promise<boolean> {
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && this.now() - info.ctimeMs > ABANDONED_AFTER_MS;
  }
}

function parseLines(text: string): PendingReply[] {
  const replies: PendingReply[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const reply = JSON.parse(line) as Partial<PendingReply>;
      if (typeof reply.agent === 'string' && typeof reply.text === 'string') replies.push({ agent: reply.agent, text: reply.text });
    } catch {
      // a line cut short by a crash: the rest of the spool still counts
    }
  }
  return replies;
}
