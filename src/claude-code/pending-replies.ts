import { appendFile, readFile, rename, rm } from 'node:fs/promises';

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

  /** Takes every kept reply; `release` removes them once stored, `putBack` returns them to the spool. */
  async take(): Promise<{ replies: PendingReply[]; release: () => Promise<void>; putBack: () => Promise<void> }> {
    const taken = `${this.path}.${process.pid}.taken`;
    try {
      await rename(this.path, taken);
    } catch {
      return { replies: [], release: async () => {}, putBack: async () => {} };
    }
    const text = await readFile(taken, 'utf8').catch(() => '');
    const replies = parseLines(text);
    return {
      replies,
      release: () => rm(taken, { force: true }),
      putBack: async () => {
        await this.keep(replies);
        await rm(taken, { force: true });
      },
    };
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
