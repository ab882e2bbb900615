import { MemoryError } from './errors.js';
import type { Memory } from './memory.js';
import type { MemoryIndexes } from './memory-indexes.js';
import { findSecret } from './secrets.js';

/** The memory `id` names, or the refusal a caller can act on. */
export function existingMemory(indexes: MemoryIndexes, id: string): Memory {
  const memory = indexes.byId.get(id);
  if (!memory) {
    throw new MemoryError(
      'not_found',
      `id ${quotableId(id)} is not a memory in this project. Use read_memories to find the id, then retry.`,
    );
  }
  return memory;
}

/** Refuses an update that would make `current` say the same as another memory of its agent. */
export function refuseTwin(indexes: MemoryIndexes, current: Memory, content: string): void {
  const near = indexes.nearDuplicatesOf(current.agent).find(content, { excludeId: current.id });
  if (near) {
    throw new MemoryError(
      'invalid_argument',
      `content says the same as memory "${near.id}" of agent ${current.agent}; update or delete that one instead.`,
    );
  }
}

/** Ids are short base64url strings; anything else (a pasted secret, a path) is not echoed back. */
const quotableId = (id: string): string => (/^[A-Za-z0-9_-]{1,32}$/u.test(id) && !findSecret(id) ? `"${id}"` : '(as given)');
