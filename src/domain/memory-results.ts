import type { Memory } from './memory.js';
import type { RelatedMemory } from './recall/near-duplicate-index.js';

/** What MemoryService.add answers. */
export interface AddResult {
  readonly memory: Readonly<Memory>;
  created: boolean;
  /** Set when an existing memory said (nearly) the same: 1 for an exact twin. */
  similarity?: number;
  /** When created: active memories of the agent close to the new one, which it may supersede. */
  related?: RelatedMemory[];
  /** Set when that memory was in the archive: learning it again made it active. */
  restored?: true;
}

/** A whole-file import relates many memories to each other; a batch lists the first this many. */
export const RELATED_LIST_MAX = 100;

/** An active memory close to one just added (`of`), which the new one may supersede. */
export interface RelatedToAdded extends RelatedMemory {
  of: string;
}

