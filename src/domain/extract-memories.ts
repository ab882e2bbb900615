import { isMemoryError } from './errors.js';
import { findMemoryBlocks } from './extract-blocks.js';
import type { Memory } from './memory.js';
import { type Candidate, type Draft, draftOf } from './memory-draft.js';
import type { MemoryService, RelatedToAdded } from './memory-service.js';

export { RELATED_LIST_MAX, type RelatedToAdded } from './memory-service.js';
import { findSecret } from './secrets.js';

export interface Rejected {
  block: string;
  reason: string;
}

export interface BulkResult {
  added: Memory[];
  /** Archived memories the input learned again: active once more. */
  restored: Memory[];
  duplicates: Memory[];
  rejected: Rejected[];
  related: RelatedToAdded[];
}

/** Largest reply we accept; it bounds the work one call can ask for. */
export { EXTRACT_MAX_CHARS } from './extract-blocks.js';

export function extractMemories(service: MemoryService, text: string, agent?: string, author?: string): Promise<BulkResult> {
  return storeCandidates(service, blockItems(text, agent, author), { archivedMatch: 'restore' });
}

/** Every memory block of a text as a candidate, or as the reason it cannot be one. */
export function blockItems(text: string, agent?: string, author?: string): BulkItem[] {
  return findMemoryBlocks(text).map((found) => {
    if (found.type === undefined || found.type === '') return { block: found.block, reason: 'missing field "Type:"; add a line like "Type: pattern".' };
    if (found.content === undefined || found.content === '') return { block: found.block, reason: 'missing field "Content:"; add a line like "Content: <the learning>".' };
    return { block: found.block, candidate: { type: found.type, content: found.content, agent, ...(author !== undefined && { author }) } };
  });
}

export type BulkItem = { block: string; candidate: Candidate } | { block: string; reason: string };

/**
 * Validates every candidate first, then stores all valid ones in one locked write.
 * `relatedLimit: 0`: no related memories looked up (see MemoryService.addDrafts).
 */
export async function storeCandidates(
  service: MemoryService,
  items: readonly BulkItem[],
  { archivedMatch, relatedLimit }: { archivedMatch: 'restore' | 'keep'; relatedLimit?: number },
): Promise<BulkResult> {
  const rejected: Rejected[] = [];
  const drafts: Draft[] = [];
  for (const item of items) {
    if ('reason' in item) {
      rejected.push({ block: quotable(item.block), reason: item.reason });
      continue;
    }
    try {
      drafts.push(draftOf(item.candidate));
    } catch (error) {
      if (!isMemoryError(error)) throw error;
      rejected.push({ block: error.code === 'secret_detected' ? WITHHELD : quotable(item.block), reason: error.message });
    }
  }
  if (drafts.length === 0) return { added: [], restored: [], duplicates: [], rejected, related: [] };
  return { ...(await service.addDrafts(drafts, { archivedMatch, ...(relatedLimit !== undefined && { relatedLimit }) })), rejected };
}

/** Rejects quote their source so the model can fix it, but a 1 MiB line is not worth echoing. */
const BLOCK_QUOTE_MAX = 300;
const WITHHELD = '(block withheld: it carries a secret)';
/**
 * A block refused for another reason (unknown type, no Content:, too long) can still carry a
 * credential, and the reply is as visible as the store would have been: never quote one.
 */
function quotable(block: string): string {
  if (findSecret(block)) return WITHHELD;
  return block.length > BLOCK_QUOTE_MAX ? `${block.slice(0, BLOCK_QUOTE_MAX)}…` : block;
}
