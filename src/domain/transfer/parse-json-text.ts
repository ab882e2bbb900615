import { MemoryError } from '../errors.js';

/** Our exports nest 3 levels and server-memory dumps 4; nothing we import needs more. */
export const JSON_DEPTH_MAX = 64;

/**
 * How deeply arrays and objects nest in JSON text, counted in one pass that skips strings.
 * JSON.parse copes with any depth, but what is done with the result afterwards (stringify,
 * recursive reads) overflows the stack near 10,000 levels; checking first keeps that a user error.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) i++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) deepest = Math.max(deepest, ++depth);
    else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth--;
  }
  return deepest;
}

/** JSON.parse behind the depth limit: throws a MemoryError naming the limit, or JSON.parse's SyntaxError. */
export function parseJsonText(text: string): unknown {
  const depth = jsonDepth(text);
  if (depth > JSON_DEPTH_MAX) {
    throw new MemoryError(
      'invalid_argument',
      `The import nests JSON ${depth.toLocaleString('en-US')} levels deep; the limit is ${JSON_DEPTH_MAX} levels (an export uses 3). ` +
        'Import an export of this server, an array of {"type", "content"} objects, or server-memory JSONL.',
    );
  }
  return JSON.parse(text) as unknown;
}
