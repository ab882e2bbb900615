import { MemoryError } from './errors.js';
import type { Memory, MemoryType } from './memory.js';
import type { MemoryService } from './memory-service.js';
import { fuseRankings } from './recall/fuse-rankings.js';

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 200;
/** Alternative phrasings one read may fuse. */
export const QUERIES_MAX = 8;
/** Each phrasing contributes its best this many hits to a fused ranking (see fuseRankings). */
const FUSION_DEPTH = 200;

export interface MemoryFilter {
  type?: MemoryType;
  agent?: string;
  query?: string;
  /** Alternative phrasings of the same need, fused with `query` into one ranking. */
  queries?: string[];
  /** true: the archive only; default: active memories only. */
  archived?: boolean;
  limit?: number;
  cursor?: string;
}

export interface MemoryPage {
  memories: Memory[];
  total: number;
  nextCursor?: string;
}

/**
 * Newest first, or best match first with a query (ranked search: see recall/memory-index.ts). The cursor is an offset bound to the filter
 * it was issued for, so a cursor from another search is refused rather than silently skipping.
 */
export async function listMemories(service: MemoryService, filter: MemoryFilter): Promise<MemoryPage> {
  const limit = filter.limit ?? LIST_LIMIT_DEFAULT;
  const offset = filter.cursor === undefined ? 0 : decodeCursor(filter.cursor, filterFingerprint(filter));
  const { data, indexes } = await service.snapshot();
  let memories: Memory[];
  let total: number;
  const phrasings = phrasingsOf(filter);
  if (phrasings.length === 1) {
    // Only the hits up to the end of this page are sorted out of what matched.
    const ranking = indexes.search(filter.archived ?? false).rank(phrasings[0]!, { type: filter.type, agent: filter.agent });
    memories = ranking.top(offset + limit).slice(offset).map((hit) => indexes.byId.get(hit.id)!);
    total = ranking.total;
  } else if (phrasings.length > 1) {
    const index = indexes.search(filter.archived ?? false);
    const fused = fuseRankings(phrasings.map((text) => index.rank(text, { type: filter.type, agent: filter.agent })), FUSION_DEPTH);
    memories = fused.slice(offset, offset + limit).map((hit) => indexes.byId.get(hit.id)!);
    total = fused.length;
  } else {
    const matches = newestFirst(data.memories, filter);
    memories = matches.slice(offset, offset + limit);
    total = matches.length;
  }
  const next = offset + memories.length;
  return {
    memories,
    total,
    ...(next < total ? { nextCursor: encodeCursor(next, filterFingerprint(filter)) } : {}),
  };
}

/** Whether a memory passes a filter's type, agent and archive choice (active unless archived: true). */
export function accepts(memory: Memory, filter: Pick<MemoryFilter, 'type' | 'agent' | 'archived'>): boolean {
  return (
    (filter.type === undefined || memory.type === filter.type) &&
    (filter.agent === undefined || memory.agent === filter.agent) &&
    (memory.archivedAt !== undefined) === (filter.archived ?? false)
  );
}

/** The distinct non-blank phrasings of a read, `query` first. */
function phrasingsOf(filter: MemoryFilter): string[] {
  return [...new Set([filter.query ?? '', ...(filter.queries ?? [])].map((text) => text.trim()).filter((text) => text !== ''))];
}

function newestFirst(memories: readonly Memory[], filter: MemoryFilter): Memory[] {
  const out: Memory[] = [];
  for (let i = memories.length - 1; i >= 0; i--) if (accepts(memories[i]!, filter)) out.push(memories[i]!);
  return out;
}

function filterFingerprint(filter: MemoryFilter): string {
  const phrasings = phrasingsOf(filter);
  // One phrasing keeps the fingerprint cursors had before several could be fused.
  return JSON.stringify([filter.type ?? '', filter.agent ?? '', phrasings.length > 1 ? phrasings : (phrasings[0] ?? ''), filter.archived ?? false]);
}

function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (Number.isInteger(parsed.o) && (parsed.o as number) >= 0 && parsed.f === fingerprint) return parsed.o as number;
  } catch {
    // fall through to the error below
  }
  throw new MemoryError(
    'invalid_argument',
    'cursor is not one this search issued; pass the nextCursor from the previous read_memories call with the same type, agent and query, or omit it to start over.',
  );
}
