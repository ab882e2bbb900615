import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { parseStore } from '../../src/domain/store/store-file.js';

// A client may send many tool calls at once; they all go through one MemoryStore. If they each
// waited on the file lock, a stale lock left by a killed process would be taken over by several
// of them at once (proper-lockfile's takeover is rmdir + mkdir, so a late taker deletes the
// fresh lock of an early one) and their writes would overwrite each other.

describe('many writes at once from one process', () => {
  it('all land, even when they start behind a stale lock left by a killed process', async ({ path }) => {
    writeFileSync(path, '{"schemaVersion":1,"memories":[]}\n');
    const lock = `${path}.lock`;
    mkdirSync(lock);
    const longAgo = Date.now() / 1000 - 60;
    utimesSync(lock, longAgo, longAgo);

    const service = new MemoryService(new MemoryStore(path));
    const contents = Array.from({ length: 30 }, (_, i) => `Concurrent write number ${i} lands`);
    const results = await Promise.all(contents.map((content) => service.add({ type: 'context', content })));

    expect(results.every((result) => result.created)).toBe(true);
    const parsed = parseStore(readFileSync(path, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problem.detail);
    expect(parsed.data.memories.map((memory) => memory.content).sort()).toEqual([...contents].sort());
  });
});
