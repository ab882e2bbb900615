import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { Memory } from '../../src/domain/memory.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { headLine, parseStore } from '../../src/domain/store/store-file.js';
import { tempStoreTest as it } from '../support/temp-store.js';

// A whole rewrite streams the store to its temp file in chunks instead of building it in one
// buffer: the bytes must be exactly one memory per line, whatever falls on a chunk's border.


const stamp = '2026-01-01T00:00:00.000Z';
// Multi-byte text (3- and 4-byte UTF-8) so that chunk borders fall inside characters' bytes.
const memoryAt = (n: number): Memory => ({ id: `m${n}`, agent: 'data_engineer', type: 'pattern', content: `Fact ${n} über ∑ 🚀 ${'ß'.repeat(n % 90)}`, createdAt: stamp, updatedAt: stamp });

describe('a whole rewrite', () => {
  it('writes every memory on its own line, byte for byte, when the store spans many chunks', async ({ path }) => {
    const memories = Array.from({ length: 12_000 }, (_, n) => memoryAt(n));
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, memories }));
    const service = new MemoryService(new MemoryStore(path), { maxActivePerAgent: 100_000 });

    // An update moves a memory to the end: never an append, always a rewrite.
    await service.update({ id: 'm5', content: 'Fact five moved to the end ✓' });

    const text = readFileSync(path, 'utf8');
    const parsed = parseStore(text);
    if (!parsed.ok) throw new Error(parsed.problem.detail);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 2 ** 20);
    const lines = parsed.data.memories.map((memory) => JSON.stringify(memory));
    expect(text).toBe(`${headLine(parsed.data)}\n${lines.join(',\n')}\n]}\n`);
    expect(parsed.data.memories.map((memory) => memory.id)).toEqual([...memories.filter((memory) => memory.id !== 'm5').map((memory) => memory.id), 'm5']);
    expect(parsed.data.memories.at(-1)?.content).toBe('Fact five moved to the end ✓');
  });
});
