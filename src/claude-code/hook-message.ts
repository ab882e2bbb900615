/** A systemMessage is one line in Claude Code's transcript: folded and kept short. */
const MESSAGE_MAX = 600;

export function oneLine(text: string): string {
  const folded = text.replace(/\s+/gu, ' ').trim();
  return folded.length > MESSAGE_MAX ? `${folded.slice(0, MESSAGE_MAX - 1)}…` : folded;
}
