import { normaliseContent, type MemoryType } from '../memory.js';
import { findSecret } from '../secrets.js';

export const IMPORT_FORMATS = ['auto', 'json', 'markdown', 'claude-mpm', 'server-memory'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type ConcreteImportFormat = Exclude<ImportFormat, 'auto'>;

/**
 * A memory proposed by an import. Only parsed and normalised here: the caller applies the
 * same length, secret and duplicate rules as add_memory, so an import cannot bypass them.
 */
export interface ImportCandidate {
  type: MemoryType;
  content: string;
  /** Absent when the source names no agent; the caller files it under its default. */
  agent?: string;
  createdAt?: string;
}

export interface ImportReject {
  /** The offending source line or item, clipped so a huge paste cannot flood the reply. */
  block: string;
  reason: string;
}

export interface ParsedImport {
  format: ConcreteImportFormat;
  candidates: ImportCandidate[];
  rejected: ImportReject[];
}

/** What one format parser yields; parseImport adds the format and the agent override. */
export type FormatParse = Omit<ParsedImport, 'format'>;

const BLOCK_MAX = 200;
const QUOTE_MAX = 40;

/**
 * `also` holds the item's own strings when the block is their JSON text: escaping there
 * (`password=\"…\"`) hides a quoted value from the rules, so the raw strings are checked too.
 */
export function rejectOf(block: string, reason: string, also: readonly string[] = []): ImportReject {
  // Checked before clipping: a secret cut in half by the clip would no longer be recognised.
  if (findSecret(block) || also.some((text) => findSecret(text))) return { block: '(item withheld: it carries a secret)', reason };
  const clipped = block.length > BLOCK_MAX ? `${block.slice(0, BLOCK_MAX - 1)}…` : block;
  return { block: clipped, reason };
}

/** A value named in a reason ("unknown type …"): clipped, and withheld when it could be a secret. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string' && findSecret(value)) return '(withheld: it looks like a secret)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text;
}

/** Every string inside a parsed JSON value (depth is bounded by parseJsonText). */
export function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      stringsIn(item, into);
    }
  }
  return into;
}

export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/u);

/** A JSON object (not null, not an array), as parsed from an imported file. */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Normalises the content and leaves unknown fields off, rather than set to undefined. */
export function candidateOf(type: MemoryType, content: string, agent?: string, createdAt?: string): ImportCandidate {
  return {
    type,
    content: normaliseContent(content),
    ...(agent !== undefined && { agent }),
    ...(createdAt !== undefined && { createdAt }),
  };
}
