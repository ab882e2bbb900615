import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryService } from '../../src/domain/memory-service.js';
import type { Memory } from '../../src/domain/memory.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { tempDir } from './server-process.js';
import { memoriesOnDisk } from './store-files.js';

/** A clock that moves one minute per reading, so "oldest" and "newest" never tie. */
export function steppingClock(start = Date.UTC(2025, 0, 1)): () => Date {
  let now = start;
  return () => new Date((now += 60_000));
}

/**
 * A real store file in a temp dir and services over it. Several services on one path behave
 * like several server processes: each has its own in-memory copy and indexes.
 */
export class RecallWorld {
  readonly dir = tempDir('dem-recall-');
  readonly path = join(this.dir, 'store.json');

  service(options: { maxActivePerAgent?: number; now?: () => Date } = {}): MemoryService {
    return new MemoryService(new MemoryStore(this.path), { now: options.now ?? steppingClock(), ...options });
  }

  /** Every memory in the file on disk, archived ones included. */
  onDisk(): Memory[] {
    return memoriesOnDisk(this.path);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface RelevanceFixture {
  memories: Array<{ agent?: string; type: string; content: string }>;
  queries: Array<{ query: string; best: string; shows: string }>;
}

export const relevance = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/recall/relevance.json'), 'utf8'),
) as RelevanceFixture;
