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

  it('copies the lines it wrote itself and left unchanged, giving the same bytes, through adds at the cap, appends, another process and an update', async ({ path }) => {
    const memories = Array.from({ length: 9_000 }, (_, n) => memoryAt(n));
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, memories }));
    const service = new MemoryService(new MemoryStore(path), { maxActivePerAgent: 8_000 });
    const other = new MemoryService(new MemoryStore(path), { maxActivePerAgent: 100_000 });
    const exactlyOurLayout = () => {
      const text = readFileSync(path, 'utf8');
      const parsed = parseStore(text);
      if (!parsed.ok) throw new Error(parsed.problem.detail);
      expect(text).toBe(`${headLine(parsed.data)}\n${parsed.data.memories.map((memory) => JSON.stringify(memory)).join(',\n')}\n]}\n`);
      return parsed.data.memories;
    };
    // The first add archives 1,001 at once (a whole rewrite of a file read, not written here).
    await service.add({ type: 'pattern', content: 'First add over the cap ✓' });
    // Each later add at the cap archives one memory far down the store: a rewrite of the rest.
    for (let i = 0; i < 3; i++) await service.add({ type: 'context', content: `Add at the cap number ${i} ∑` });
    // Another process appends; the next rewrite copies our lines and serialises its line again.
    await other.add({ type: 'pattern', content: 'Appended by another process 🚀' });
    await service.add({ type: 'context', content: 'Add at the cap after the other process' });
    await service.update({ id: 'm8990', content: 'Moved to the end by an update ß' });
    const stored = exactlyOurLayout();
    expect(stored).toHaveLength(9_000 + 3 + 3);
    expect(stored.filter((memory) => memory.archivedAt === undefined)).toHaveLength(8_000);
    expect(stored.map((memory) => memory.content)).toEqual(expect.arrayContaining(['First add over the cap ✓', 'Appended by another process 🚀', 'Add at the cap after the other process', 'Moved to the end by an update ß']));
    expect((await other.snapshot()).data.memories).toEqual(stored);
  });
});
