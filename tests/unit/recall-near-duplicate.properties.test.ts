import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNearDuplicate, NearDuplicateIndex } from '../../src/domain/recall/near-duplicate.js';
import { factCoreOf, factOf, factWordsOf } from '../../src/domain/recall/similarity.js';
import { keepApartPair, surfaceVariantPair } from '../support/fact-pairs.js';

// Generated pairs over eleven one-line fact templates (tests/support/fact-pairs.ts): a wrong merge
// loses a fact, so thousands of keep-apart pairs must never merge; a missed merge only costs a
// line, but the same fact in other spellings should still be one memory.

const merges = (a: string, b: string): boolean => findNearDuplicate(b, [{ id: 'a', content: a }]) !== undefined;

describe('near-duplicates, generated', () => {
  it('never merges two facts that differ in a value, a swap of values, a unit, a name or polarity', () => {
    fc.assert(
      fc.property(keepApartPair, ([a, b]) => {
        expect(merges(a, b), `merged:\n  ${a}\n  ${b}`).toBe(false);
        expect(new NearDuplicateIndex([{ id: 'a', content: a }]).find(b)).toBeUndefined();
      }),
      { numRuns: 3_000 },
    );
  });

  it('merges the same fact written with other number words, unit spacing, aliases, frequencies and filler', () => {
    fc.assert(
      fc.property(surfaceVariantPair, ([a, b]) => {
        expect(merges(a, b), `kept apart:\n  ${a}\n  ${b}`).toBe(true);
        expect(new NearDuplicateIndex([{ id: 'a', content: a }]).find(b)?.id).toBe('a');
      }),
      { numRuns: 1_000 },
    );
  });

  it('keys a content by the same fact core, and posts it under the same words, on the per-piece path as on the whole path', () => {
    // Words that fold across pieces (number words, units, phrases) next to ones that do not.
    const word = fc.constantFrom('Use', 'orders', 'table', 'by', 'date', 'every', 'day', 'three', 'twenty', '4', 'seconds', '30s', 'into',
      'the', 'to', 'always', 'not', "don't", 'k8s', 'PostgreSQL', 'getUser', 'non-null', 'back-off', '1,000', 'instead', 'of', 'apache', 'spark', '(ref', '12)',
      // Compounds that join across pieces, names that move past their kind, settings, versions.
      'web', 'hooks', 'lake-house', 'not_null', 'sort_key', 'fx.rates', 'Kafka', 'topic', 'mode=poke', 'acks', '=', 'all', 'v2.8', '10-minute', 'forty-eight', 'hundred');
    const content = fc.array(fc.tuple(word, fc.constantFrom(' ', ', ', '; ', ' (', ') ')), { minLength: 1, maxLength: 12 }).map((parts) => parts.flat().join('').trim());
    fc.assert(
      fc.property(fc.oneof(content, keepApartPair.map(([a]) => a), surfaceVariantPair.map(([, b]) => b)), (text) => {
        expect(factCoreOf(text), text).toBe(factOf(text).core);
        expect(factWordsOf(text), text).toEqual([...factOf(text).words]);
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('the near-duplicate index, kept in step', () => {
  const word = fc.constantFrom('orders', 'topic', 'has', 'now', '12', '24', 'partitions', 'kafka', 'vacuum', 'delta', 'tables', 'weekly', 'not', 'the');
  const content = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 0, max: 90 }), content, archived: fc.boolean() }),
    fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 90 }) }),
    fc.record({ kind: fc.constant('look' as const), content }),
  );

  // Not markArchived: a memory archived after its words were posted still counts in their
  // frequencies, which order the related-memory look-up, so there the index answers by its history.
  it('answers as an index made afresh from the memories it holds, through adds, replacements and removals past a compaction', () => {
    fc.assert(
      fc.property(fc.array(content, { minLength: 70, maxLength: 90 }), fc.array(op, { minLength: 40, maxLength: 200 }), (seed, ops) => {
        const index = new NearDuplicateIndex();
        // What the index holds, in the order each memory was last added.
        const held = new Map<string, { id: string; content: string; archivedAt?: string }>();
        const add = (memory: { id: string; content: string; archivedAt?: string }) => {
          index.add(memory);
          held.delete(memory.id);
          held.set(memory.id, memory);
        };
        seed.forEach((text, n) => add({ id: `m${n}`, content: text }));
        // Removing most of them first makes the index compact itself with its lookups built.
        index.find(seed[0]!);
        index.related(seed[0]!);
        for (let n = 0; n < seed.length - 3; n++) {
          index.remove(`m${n}`);
          held.delete(`m${n}`);
          if (n % 9 === 0) expect(index.related(seed[n]!, { limit: 10 })).toEqual(new NearDuplicateIndex(held.values()).related(seed[n]!, { limit: 10 }));
          for (let look = 0; look < 10 && n === 0; look++) index.find(seed[look]!);
        }
        for (const step of ops) {
          const id = step.kind === 'look' ? '' : `m${step.id}`;
          if (step.kind === 'add') add({ id, content: step.content, ...(step.archived ? { archivedAt: '2026-01-01T00:00:00.000Z' } : {}) });
          else if (step.kind === 'remove') {
            index.remove(id);
            held.delete(id);
          } else {
            const fresh = new NearDuplicateIndex(held.values());
            expect(index.find(step.content)).toEqual(fresh.find(step.content));
            expect(index.related(step.content, { limit: 10 })).toEqual(fresh.related(step.content, { limit: 10 }));
          }
        }
        expect(index.size).toBe(held.size);
      }),
      { numRuns: 150 },
    );
  });
});
