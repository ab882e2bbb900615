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

export function rejectOf(block: string, reason: string): ImportReject {
  // Checked before clipping: a secret cut in half by the clip would no longer be recognised.
  if (findSecret(block)) return { block: '(item withheld: it carries a secret)', reason };
  const clipped = block.length > BLOCK_MAX ? `${block.slice(0, BLOCK_MAX - 1)}…` : block;
  return { block: clipped, reason };
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
