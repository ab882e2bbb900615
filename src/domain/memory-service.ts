import { randomBytes } from 'node:crypto';
import { MemoryError } from './errors.js';
import { IndexCache, type MemoryIndexes } from './memory-indexes.js';
import { DEFAULT_AGENT, MEMORY_TYPES, type Memory, type MemoryType } from './memory.js';
import type { MemoryStore } from './store/memory-store.js';
import type { StoreData } from './store/store-file.js';
import { exactKey, validContent, validType } from './validate-memory.js';

export interface MemoryServiceOptions {
  now?: () => Date;
  newId?: () => string;
}

export interface AddResult {
  memory: Memory;
  created: boolean;
}

export interface Candidate {
  type: string;
  content: string;
  agent?: string;
}

export const newMemoryId = (): string => randomBytes(6).toString('base64url');

/**
 * The memory operations of one project store. Invariant kept by every write: `memories` is in
 * order of last change, oldest first, so "newest first" is a reverse walk, never a sort.
 */
export class MemoryService {
  private readonly indexes = new IndexCache();
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(
    readonly store: MemoryStore,
    options: MemoryServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? newMemoryId;
  }

  async snapshot(): Promise<{ data: StoreData; indexes: MemoryIndexes }> {
    const data = await this.store.read();
    return { data, indexes: this.indexes.for(data) };
  }

  add(input: { type: string; content: string; agent?: string }): Promise<AddResult> {
    const draft = this.draft(input);
    return this.store.mutate((data) => {
      const result = this.insert(data, draft);
      return { result, write: result.created };
    });
  }

  /** Validates a candidate into a draft or throws the reason it cannot be stored. */
  draft(input: Candidate): { type: MemoryType; content: string; agent: string } {
    return { type: validType(input.type), content: validContent(input.content), agent: input.agent ?? DEFAULT_AGENT };
  }

  /** Inserts a validated draft unless the agent already holds the same content. */
  insert(data: StoreData, draft: { type: MemoryType; content: string; agent: string }): AddResult {
    const indexes = this.indexes.for(data);
    const twin = indexes.byExactKey.get(exactKey(draft.agent, draft.content));
    if (twin) return { memory: twin, created: false };
    const stamp = this.now().toISOString();
    const memory: Memory = { id: this.uniqueId(indexes), agent: draft.agent, type: draft.type, content: draft.content, createdAt: stamp, updatedAt: stamp };
    data.memories.push(memory);
    indexes.track(memory);
    return { memory, created: true };
  }

  update(input: { id: string; content?: string; type?: string }): Promise<{ memory: Memory }> {
    if (input.content === undefined && input.type === undefined) {
      throw new MemoryError('invalid_argument', 'update_memory needs content, type or both; pass what should change.');
    }
    const content = input.content === undefined ? undefined : validContent(input.content);
    const type = input.type === undefined ? undefined : validType(input.type);
    return this.store.mutate((data) => {
      const indexes = this.indexes.for(data);
      const current = this.existing(indexes, input.id);
      if (content !== undefined) {
        const twin = indexes.byExactKey.get(exactKey(current.agent, content));
        if (twin && twin.id !== current.id) {
          throw new MemoryError(
            'invalid_argument',
            `content is already stored as memory "${twin.id}" for agent ${current.agent}; update or delete that one instead.`,
          );
        }
      }
      const updated: Memory = {
        ...current,
        content: content ?? current.content,
        type: type ?? current.type,
        updatedAt: this.now().toISOString(),
      };
      // Move to the end: the array stays ordered by last change.
      data.memories.splice(data.memories.indexOf(current), 1);
      data.memories.push(updated);
      indexes.untrack(current);
      indexes.track(updated);
      return { result: { memory: updated }, write: true };
    });
  }

  remove(id: string): Promise<{ deleted: true; id: string }> {
    return this.store.mutate((data) => {
      const indexes = this.indexes.for(data);
      const current = this.existing(indexes, id);
      data.memories.splice(data.memories.indexOf(current), 1);
      indexes.untrack(current);
      return { result: { deleted: true as const, id }, write: true };
    });
  }

  async countsByType(): Promise<Record<MemoryType, number> & { total: number }> {
    const { data } = await this.snapshot();
    const counts = Object.fromEntries(MEMORY_TYPES.map((type) => [type, 0])) as Record<MemoryType, number>;
    for (const memory of data.memories) counts[memory.type]++;
    return { ...counts, total: data.memories.length };
  }

  private existing(indexes: MemoryIndexes, id: string): Memory {
    const memory = indexes.byId.get(id);
    if (!memory) {
      throw new MemoryError(
        'not_found',
        `id "${id.slice(0, 40)}" is not a memory in this project. Use read_memories to find the id, then retry.`,
      );
    }
    return memory;
  }

  private uniqueId(indexes: MemoryIndexes): string {
    let id = this.newId();
    while (indexes.byId.has(id)) id = this.newId();
    return id;
  }
}
