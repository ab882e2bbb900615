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
      'the', 'to', 'always', 'not', "don't", 'k8s', 'PostgreSQL', 'getUser', 'non-null', 'back-off', '1,000', 'instead', 'of', 'apache', 'spark', '(ref', '12)');
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
