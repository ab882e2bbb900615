import { MemoryError } from '../errors.js';
import { EXPORT_FORMAT } from './export-json.js';
import { parseJsonText } from './parse-json-text.js';
import { splitLines, type ConcreteImportFormat } from './import-types.js';
import { looksLikeOwnMarkdown } from './parse-markdown.js';
import { graphDump, isGraphLine } from './parse-server-memory.js';

const MARKDOWN_LINE = /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s)/u;

const FORMATS_HINT =
  'Pass format explicitly ("json", "markdown", "claude-mpm" or "server-memory") if the text is one of those.';

function parseWhole(text: string): unknown {
  try {
    return parseJsonText(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Order matters: a one-line memory.jsonl is also a valid JSON document, and claude-mpm
 * accepts any markdown, so the stricter shapes are tried first. server-memory needs only
 * half its lines to be graph records, so one corrupt line is reported rather than
 * sending the whole file down the wrong parser.
 */
export function detectFormat(text: string): ConcreteImportFormat {
  if (text.trim() === '') throw new MemoryError('invalid_argument', 'Nothing to import: the text is empty.');

  const whole = parseWhole(text);
  if (Array.isArray(whole)) return 'json';
  if (typeof whole === 'object' && whole !== null) {
    const record = whole as Record<string, unknown>;
    if (record.format === EXPORT_FORMAT || Array.isArray(record.memories)) return 'json';
    if (graphDump(whole) !== undefined || isGraphLine(text)) return 'server-memory';
    throw new MemoryError(
      'invalid_argument',
      `This JSON is not a format I can import: expected {"format": "${EXPORT_FORMAT}", "memories": [...]}, an array of {"type", "content"}, or server-memory JSONL.`,
    );
  }

  const lines = splitLines(text).filter((line) => line.trim() !== '');
  const graphLines = lines.filter(isGraphLine).length;
  if (graphLines > 0 && graphLines * 2 >= lines.length) return 'server-memory';
  if (looksLikeOwnMarkdown(text)) return 'markdown';
  if (lines.some((line) => MARKDOWN_LINE.test(line))) return 'claude-mpm';
  throw new MemoryError(
    'invalid_argument',
    `Could not tell the import format: the text is not JSON, not server-memory JSONL and has no markdown headings or "- " list items. ${FORMATS_HINT}`,
  );
}
