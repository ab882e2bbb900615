import { describe, expect, it } from 'vitest';
import type { Memory } from '../../src/domain/memory.js';
import { appendBytes, serialiseStore, STORE_TAIL } from '../../src/domain/store/store-file.js';
import { recoverTornAppend } from '../../src/domain/store/torn-append.js';

// An add first writes its lines (but their first bytes) after the store's final `\n]}\n`, then
// turns that tail into `,\n{"`. Every cut of the first step must read as the store before it;
// nothing else may be "recovered" into a store with acknowledged memories silently missing.

const memory = (n: number): Memory => ({
  id: `id${n}`,
  agent: 'data_engineer',
  type: 'pattern',
  content: `Fact number ${n} about {braces}, commas, ]} and "quotes"`,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
});
const before = serialiseStore({ schemaVersion: 1, writeId: 'w1', project: { name: 'shop', root: '/p/{shop}' }, memories: [memory(1), memory(2), memory(3)] });
const ids = (text: string) => recoverTornAppend(text)?.memories.map((m) => m.id);
const tail = STORE_TAIL.length;

describe('recoverTornAppend', () => {
  it('reads every cut of the first step as the store before it, for one memory or several', () => {
    for (const added of [[memory(4)], [memory(4), memory(5)]]) {
      const after = appendBytes(added).toString('utf8').slice(tail);
      for (let written = 1; written <= after.length; written++) {
        expect(ids(before + after.slice(0, written)), `cut after ${written} of ${after.length}`).toEqual(['id1', 'id2', 'id3']);
      }
    }
  });

  it('reads zero bytes a power cut left in the extension as nothing', () => {
    expect(ids(`${before}\0\0\0\0\0\0`)).toEqual(['id1', 'id2', 'id3']);
  });

  it('reads a second step that landed in part (a power cut, its bytes straddling a sector) as the store with the add', () => {
    const bytes = appendBytes([memory(4)]).toString('utf8');
    const at = before.length - tail;
    const [old, turned] = [before.slice(at), bytes.slice(0, tail)];
    // Each of the four bytes either still the old tail's or already the new one's.
    for (let mask = 1; mask < 2 ** tail - 1; mask++) {
      const mixed = [...old].map((char, i) => (mask & (1 << i) ? turned[i] : char)).join('');
      const text = before.slice(0, at) + mixed + bytes.slice(tail);
      expect(ids(text), `bytes ${JSON.stringify(mixed)}`).toEqual(['id1', 'id2', 'id3', 'id4']);
    }
  });

  it('never drops memories after damage that imitates such bytes', () => {
    // A comma lost between two memories, a blank line in its place: read whole, nothing dropped.
    const lines = before.split('\n');
    const text = [lines[0], lines[1], lines[2]!.slice(0, -1), '', lines[3], lines[4], ''].join('\n');
    expect(ids(text)).toEqual(['id1', 'id2', 'id3']);
  });

  it('does not recover a store cut short or damaged anywhere', () => {
    const lines = before.split('\n');
    const cases = {
      'last line complete, tail cut': before.slice(0, -3),
      'last memory cut': before.slice(0, before.length - 20),
      'middle line broken': [...lines.slice(0, 2), '{"id":"id2",', ...lines.slice(3)].join('\n'),
      'cut in the head': before.slice(0, 40),
      empty: '',
      'a whole store': before,
    };
    for (const [what, text] of Object.entries(cases)) expect(recoverTornAppend(text), what).toBeUndefined();
  });
});
