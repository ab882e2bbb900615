/**
 * Finds the memory blocks an agent writes in its reply, as the seed teaches:
 *
 *   # Add To Memory:
 *   Type: pattern
 *   Content: Use composite indexes for multi-column queries
 *   #
 *
 * `# Remember:` and `# Memorize:` headers are accepted too, in any case, with CRLF line ends
 * and inside code fences (models often fence the block, as the seed's own example does).
 * This only finds and splits blocks; validation is the memory service's job, so a reply and
 * an add_memory call obey exactly the same rules.
 */
/** The longest text searched for blocks (a capture searches a reply's last this many characters). */
export const EXTRACT_MAX_CHARS = 4 * 1024 * 1024;

export interface FoundBlock {
  /** The block's source lines, for rejects that quote what was refused. */
  block: string;
  type?: string;
  content?: string;
}

const HEADER = /^\s{0,3}#{1,6}\s*(?:add\s+to\s+memory|remember|memorize)\s*:\s*$/iu;
const TERMINATOR = /^\s{0,3}#+\s*$/u;
const FENCE = /^\s{0,3}(?:```|~~~)/u;
const FIELD = /^\s*(type|content)\s*:\s*(.*)$/iu;
/**
 * Models often forget the closing `#`: once Content: has started, the reply's next paragraph,
 * heading or list item is not part of the learning, so those end the block too.
 */
const AFTER_CONTENT_ENDS = /^\s*$|^\s{0,3}#{1,6}\s+\S|^\s*(?:[-*+]|\d+[.)])\s/u;
const CONTENT_FIELD = /^\s*content\s*:/iu;
/** A header with no terminator must not swallow the rest of a long reply. */
const MAX_BLOCK_LINES = 12;

export function findMemoryBlocks(text: string): FoundBlock[] {
  const lines = text.split(/\r\n|\r|\n/u);
  const blocks: FoundBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!HEADER.test(lines[i]!)) continue;
    const body: string[] = [lines[i]!];
    let inContent = false;
    let j = i + 1;
    for (; j < lines.length && j <= i + MAX_BLOCK_LINES; j++) {
      const line = lines[j]!;
      if (HEADER.test(line) || FENCE.test(line)) break;
      if (inContent && !TERMINATOR.test(line) && AFTER_CONTENT_ENDS.test(line)) break;
      inContent ||= CONTENT_FIELD.test(line);
      body.push(line);
      if (TERMINATOR.test(line)) {
        j++;
        break;
      }
    }
    blocks.push(readFields(body));
    i = j - 1;
  }
  return blocks;
}

function readFields(body: string[]): FoundBlock {
  const found: FoundBlock = { block: body.join('\n').trim() };
  let current: 'type' | 'content' | undefined;
  for (const line of body.slice(1)) {
    if (TERMINATOR.test(line)) break;
    const field = FIELD.exec(line);
    if (field) {
      current = field[1]!.toLowerCase() as 'type' | 'content';
      found[current] = field[2]!.trim();
    } else if (current === 'content' && line.trim()) {
      // A content line wrapped by the model continues the same learning.
      found.content = `${found.content ?? ''} ${line.trim()}`.trim();
    }
  }
  if (found.type !== undefined) found.type = unwrapBrackets(found.type).toLowerCase();
  if (found.content !== undefined) found.content = unwrapBrackets(found.content);
  return found;
}

/** Models copy the seed's `[pattern]` placeholder style literally; brackets around a whole value are not content. */
function unwrapBrackets(value: string): string {
  const match = /^\[([^[\]]*)\]$/u.exec(value.trim());
  return (match ? match[1]! : value).trim();
}
