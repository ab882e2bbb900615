import type { MemoryService } from '../domain/memory-service.js';
import { DurableTextFile } from '../domain/store/durable-text-file.js';
import { StoreFileAdapter } from '../domain/store/store-file-adapter.js';
import { writeIdInHead } from '../domain/store/store-file.js';
import { buildAndKeepActiveIndex } from './recall-hook.js';

/**
 * Past this many active memories a capture leaves the search index to the next recall: building
 * it would add more to a rare capture (a rewrite with the cap off) than the recall saves.
 */
const KEEP_MAX_ACTIVE = 2_000;

/** The writeId at the head of the store file now, read as the store reads its version; undefined for none (no file, one made by hand). */
export async function storeWriteId(storePath: string): Promise<string | undefined> {
  try {
    return writeIdInHead(await new StoreFileAdapter(new DurableTextFile(storePath)).readHead());
  } catch {
    return undefined;
  }
}

/**
 * After a capture: when the store was rewritten whole (a new writeId: a capture past the archive
 * cap archives the oldest memory, which changes an earlier line), the next recall cannot take the
 * change as an append to the search index kept beside the store (kept-index.ts) and would build
 * it from the store, ~100-150 ms of its prompt's wait at 10,000 memories (npm run bench "hook
 * recall ... right after a capture stored ... default archive cap"). The capture, which holds
 * the store's data already, builds and keeps it instead, exactly as that recall would (the same
 * activeIndex: tied to the bytes read before the build, kept only if they did not change). Best
 * effort: a failure here only leaves the work to the recall.
 */
export async function keepIndexAfterRewrite(writeIdBefore: string | undefined, deps: { service: MemoryService; cache: { storePath: string; code: string } }): Promise<void> {
  try {
    const writeId = await storeWriteId(deps.cache.storePath);
    if (writeId === undefined || writeId === writeIdBefore) return;
    const { data } = await deps.service.snapshot();
    let active = 0;
    for (const memory of data.memories) if (memory.archivedAt === undefined) active++;
    if (active > KEEP_MAX_ACTIVE) return;
    // A new writeId: no index kept before fits these bytes, so none is read.
    await buildAndKeepActiveIndex(deps);
  } catch {
    // The recall builds it then.
  }
}
