import { appendFile, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from '../domain/store/process-alive.js';

/** The memory blocks of a reply that could not be stored (store locked, damaged, disk full), kept for the next capture. */
export interface PendingReply {
  agent: string;
  /** The blocks only, not the whole reply. */
  text: string;
}

/**
 * Replies kept beside the store, `<store>.pending.jsonl`, so a capture that could not write never
 * loses a learning: the next capture takes them first. Appending a line needs no lock (each
 * append is one write of a whole line); taking the file is a rename, so two captures never both
 * take one reply, and one appended meanwhile lands in a fresh file.
 */
export class PendingReplies {
  constructor(private readonly storePath: string) {}

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
   * its `<spool>.<pid>.taken`; they are taken again here once that pid is gone, or they would be
   * lost. Storing one twice is harmless: the store's duplicate check keeps it once.
   */
  async take(): Promise<{ replies: PendingReply[]; release: () => Promise<void>; putBack: () => Promise<void> }> {
    const claimed: string[] = [];
    for (const source of [...(await this.abandoned()), this.path]) {
      const target = `${this.path}.${process.pid}.${claimed.length}.taken`;
      try {
        await rename(source, target); // one rename: two captures never both take a file
        claimed.push(target);
      } catch {
        // gone meanwhile (another capture took it), or no spool at all
      }
    }
    const texts = await Promise.all(claimed.map((file) => readFile(file, 'utf8').catch(() => '')));
    const replies = texts.flatMap(parseLines);
    const removeClaimed = async () => {
      await Promise.all(claimed.map((file) => rm(file, { force: true })));
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

  /** Spool files taken by a capture whose process has ended. */
  private async abandoned(): Promise<string[]> {
    const spool = basename(this.path);
    const names = await readdir(dirname(this.path)).catch(() => [] as string[]);
    return names.flatMap((name) => {
      if (!name.startsWith(`${spool}.`) || !name.endsWith('.taken')) return [];
      const pid = Number(name.slice(spool.length + 1).split('.')[0]);
      return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isProcessAlive(pid) ? [join(dirname(this.path), name)] : [];
    });
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
