import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { Memory } from '../../src/domain/memory.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { statOf } from '../../src/domain/store/file-version.js';
import { recordLastWrite } from '../../src/domain/store/last-write.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { headLine, parseStore } from '../../src/domain/store/store-file.js';
import { tempStoreTest as it } from '../support/temp-store.js';

// A process that never wrote a store (a Claude Code hook) rewrites it at the archive cap by
// copying the lines of the memories left as they were, but only from a file <store>.last-write
// shows a write of ours left: anything else is serialised again from what was parsed.

const stamp = '2026-01-01T00:00:00.000Z';
// Multi-byte text, so that byte offsets and character offsets differ.
const memoryAt = (n: number, archived: boolean): Memory => ({
  id: `m${n}`,
  agent: 'data_engineer',
  type: 'pattern',
  content: `Fact ${n} über ∑ 🚀 ${'ß'.repeat(n % 40)}`,
  createdAt: stamp,
  updatedAt: stamp,
  ...(archived ? { archivedAt: stamp } : {}),
});

/** 3,000 archived memories, then the 1,000 active ones the cap keeps: an add at the cap archives m3000, far down the file. */
const ARCHIVED = 3_000;
const CAP = 1_000;

/** A store another process wrote (with its writeId and <store>.last-write): the first add rewrites the hand-made file. */
async function storeWrittenByAnotherProcess(path: string): Promise<void> {
  const memories = Array.from({ length: ARCHIVED + CAP }, (_, n) => memoryAt(n, n < ARCHIVED));
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, memories }));
  await new MemoryService(new MemoryStore(path), { maxActivePerAgent: 100_000 }).add({ type: 'context', content: 'Written by the other process' });
}

const atTheCap = (path: string) => new MemoryService(new MemoryStore(path), { maxActivePerAgent: CAP });

/** The file, checked to be exactly our layout: each memory on its line as JSON.stringify gives it. */
function storedInOurLayout(path: string): Memory[] {
  const text = readFileSync(path, 'utf8');
  const parsed = parseStore(text);
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  expect(text).toBe(`${headLine(parsed.data)}\n${parsed.data.memories.map((memory) => JSON.stringify(memory)).join(',\n')}\n]}\n`);
  return parsed.data.memories;
}

/** Rewrites the file as it is but for `from` → `to` (once), as an editor saving in place would. */
function editInPlace(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(path, text.replace(from, to));
}

describe('a rewrite by a process that only read the store', () => {
  it('gives exactly the bytes a serialisation would, through adds at the cap of two fresh processes', async ({ path }) => {
    await storeWrittenByAnotherProcess(path);
    await atTheCap(path).add({ type: 'context', content: 'First add at the cap ∑' });
    await atTheCap(path).add({ type: 'context', content: 'Second add at the cap 🚀' });

    const stored = storedInOurLayout(path);
    expect(stored).toHaveLength(ARCHIVED + CAP + 3);
    expect(stored.filter((memory) => memory.archivedAt === undefined)).toHaveLength(CAP);
    expect(stored.slice(0, ARCHIVED + 3).every((memory) => memory.archivedAt !== undefined)).toBe(true);
    expect(stored.slice(-3).map((memory) => memory.content)).toEqual(['Written by the other process', 'First add at the cap ∑', 'Second add at the cap 🚀']);
    expect((await atTheCap(path).snapshot()).data.memories).toEqual(stored);
  });

  it('copies the lines only of a file whose stat <store>.last-write holds: a line spelled otherwise is kept as spelled only then', async ({ path }) => {
    // "\u0035" is "5" as JSON spells it too: the same memory, other bytes. A rewrite that copies
    // the line keeps that spelling; one that serialises the memory writes "5".
    const line = JSON.stringify(memoryAt(5, true));
    const respelled = line.replace('Fact 5 ', 'Fact \\u0035 ');
    for (const recorded of [true, false]) {
      await storeWrittenByAnotherProcess(path);
      editInPlace(path, line, respelled);
      // Forged: the record names the file as it is now, as after a write of ours.
      if (recorded) recordLastWrite(path, await statOf(path));
      await atTheCap(path).add({ type: 'context', content: `Add at the cap, record ${recorded}` });

      const text = readFileSync(path, 'utf8');
      expect(text.includes(respelled), `record forged: ${recorded}`).toBe(recorded);
      const parsed = parseStore(text);
      if (!parsed.ok) throw new Error(parsed.problem.detail);
      expect(parsed.data.memories[5]).toEqual(memoryAt(5, true));
      expect(parsed.data.memories.filter((memory) => memory.archivedAt === undefined)).toHaveLength(CAP);
    }
  });

  it('keeps a hand edit saved in place after its read, with the mtime put back: the rewrite is of the edited file', async ({ path }) => {
    await storeWrittenByAnotherProcess(path);
    const service = atTheCap(path);
    // Read now, by a file a write of ours left: the lines it could copy are noted.
    expect((await service.snapshot()).data.memories[7]?.content).toBe(memoryAt(7, true).content);
    const { atime, mtime, size } = statSync(path);
    editInPlace(path, '"content":"Fact 7 ', '"content":"Fakt 7 ');
    utimesSync(path, atime, mtime);
    expect(statSync(path).size).toBe(size);

    await service.add({ type: 'context', content: 'Add at the cap after the edit' });

    const stored = storedInOurLayout(path);
    expect(stored[7]?.content).toBe(memoryAt(7, true).content.replace('Fact', 'Fakt'));
    expect(stored.at(-1)?.content).toBe('Add at the cap after the edit');
    expect(stored.filter((memory) => memory.archivedAt === undefined)).toHaveLength(CAP);
  });
});
