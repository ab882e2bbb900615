import { type BulkResult, RELATED_LIST_MAX, storeCandidates } from './extract-memories.js';
import { accepts } from './memory-query.js';
import type { MemoryType } from './memory.js';
import type { MemoryService } from './memory-service.js';
import { exportJson } from './transfer/export-json.js';
import { exportMarkdown } from './transfer/export-markdown.js';
import { type ImportFormat, parseImport } from './transfer/parse-import.js';

export type ExportFormat = 'markdown' | 'json';

export interface ExportPage {
  text: string;
  /** Memories in this text. */
  count: number;
  /** Memories the filter selects in all. */
  total: number;
  /** Where the next page starts, when this one is not the last. */
  nextOffset?: number;
}

/**
 * Active memories only: the archive is the cap's overflow, and importing it back would refill the cap.
 * With `limit`, one page of `limit` memories from `offset`: each page is a whole export of its own
 * (it imports as it is), so a reply can stay small whatever the store holds.
 */
export async function exportMemories(
  service: MemoryService,
  options: { format: ExportFormat; agent?: string; type?: MemoryType; offset?: number; limit?: number },
): Promise<ExportPage> {
  const { data } = await service.snapshot();
  const chosen = data.memories.filter((memory) => accepts(memory, options));
  const offset = options.offset ?? 0;
  const page = options.limit === undefined ? chosen.slice(offset) : chosen.slice(offset, offset + options.limit);
  const text = options.format === 'json' ? exportJson(page) : exportMarkdown(page, { agent: options.agent });
  const next = offset + page.length;
  return { text, count: page.length, total: chosen.length, ...(next < chosen.length && { nextOffset: next }) };
}

/** Tells how far a large import has got; the import is then stored in several locked writes of `every` candidates. */
export interface ImportProgress {
  every: number;
  report: (done: number, total: number) => void;
}

/**
 * Imports run every candidate through add_memory's rules (length, secrets, duplicates) in one locked
 * write. A record matching an archived memory leaves it archived: an import moves records, it does not
 * learn them again (the same reason archived items in a source are not imported).
 */
export async function importMemories(
  service: MemoryService,
  options: { text: string; format?: ImportFormat; agent?: string; author?: string },
  progress?: ImportProgress,
): Promise<BulkResult & { format: string }> {
  const parsed = parseImport(options.text, options.format ?? 'auto', options.agent);
  const items = [
    ...parsed.rejected,
    ...parsed.candidates.map((candidate) => ({
      block: `[${candidate.type}] ${candidate.content}`,
      candidate: options.author === undefined ? candidate : { ...candidate, author: options.author },
    })),
  ];
  const keep = { archivedMatch: 'keep' } as const;
  if (!progress || items.length <= progress.every) return { ...(await storeCandidates(service, items, keep)), format: parsed.format };
  const result: BulkResult = { added: [], restored: [], duplicates: [], rejected: [], related: [] };
  for (let start = 0; start < items.length; start += progress.every) {
    const part = await storeCandidates(service, items.slice(start, start + progress.every), keep);
    result.added.push(...part.added);
    result.duplicates.push(...part.duplicates);
    result.rejected.push(...part.rejected);
    result.related.push(...part.related.slice(0, RELATED_LIST_MAX - result.related.length));
    progress.report(Math.min(start + progress.every, items.length), items.length);
  }
  return { ...result, format: parsed.format };
}
