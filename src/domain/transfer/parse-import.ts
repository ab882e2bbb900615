import { MemoryError } from '../errors.js';
import { detectFormat } from './detect-format.js';
import type { ConcreteImportFormat, FormatParse, ImportFormat, ParsedImport } from './import-types.js';
import { parseClaudeMpm } from './parse-claude-mpm.js';
import { parseJson } from './parse-json.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseServerMemory } from './parse-server-memory.js';

export { detectFormat };
export { IMPORT_FORMATS } from './import-types.js';
export type { ConcreteImportFormat, ImportCandidate, ImportFormat, ImportReject, ParsedImport } from './import-types.js';

const PARSERS: Record<ConcreteImportFormat, (text: string) => FormatParse> = {
  json: parseJson,
  markdown: parseMarkdown,
  'claude-mpm': parseClaudeMpm,
  'server-memory': parseServerMemory,
};

/**
 * Turns import text into candidates plus refused blocks with reasons. Nothing is validated
 * for length, secrets or duplicates here: the caller runs the same checks as add_memory.
 *
 * `agent`, when given, files every candidate under that agent, overriding agents named in
 * the text (an export of one agent can seed another). Otherwise candidates keep the agent
 * their source names, or none, and the caller applies its default.
 */
export function parseImport(text: string, format: ImportFormat = 'auto', agent?: string): ParsedImport {
  const resolved = format === 'auto' ? detectFormat(text) : format;
  const parse = PARSERS[resolved] as ((text: string) => FormatParse) | undefined;
  if (parse === undefined) {
    throw new MemoryError('invalid_argument', `Unknown import format "${String(format)}"; use auto, ${Object.keys(PARSERS).join(', ')}.`);
  }
  const { candidates, rejected } = parse(text);
  return {
    format: resolved,
    candidates: agent === undefined ? candidates : candidates.map((candidate) => ({ ...candidate, agent })),
    rejected,
  };
}
