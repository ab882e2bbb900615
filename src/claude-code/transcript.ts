import { open } from 'node:fs/promises';

/** A reply sits at the end of the transcript; reading more of a long session only costs time. */
const TAIL_BYTES = 2 * 1024 * 1024;

/**
 * The text of the last assistant message in a Claude Code transcript (JSON Lines, one entry per
 * line, `{"type":"assistant","message":{"content":[{"type":"text","text":…}]}}`), for a Stop
 * input without last_assistant_message. Undefined when there is none or the file is unreadable:
 * the transcript is a fallback, never a reason to fail.
 */
export async function lastAssistantText(path: string): Promise<string | undefined> {
  let tail: string;
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await file.read(buffer, 0, buffer.length, start);
      tail = buffer.toString('utf8');
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
  const lines = tail.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = assistantText(lines[i]!);
    if (text !== undefined) return text;
  }
  return undefined;
}

function assistantText(line: string): string | undefined {
  if (!line.includes('"assistant"')) return undefined;
  let entry: { type?: unknown; message?: { role?: unknown; content?: unknown } };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return undefined; // the first line of the tail may be cut, and a line may be half written
  }
  if (entry.type !== 'assistant' || entry.message?.role !== 'assistant') return undefined;
  const { content } = entry.message;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.filter((block): block is { type: 'text'; text: string } => block?.type === 'text' && typeof block.text === 'string');
  return texts.length > 0 ? texts.map((block) => block.text).join('\n') : undefined;
}
