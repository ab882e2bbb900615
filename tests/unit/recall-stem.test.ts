import { describe, it, expect } from 'vitest';
import { stem } from '../../src/domain/recall/stem.js';

describe('stem', () => {
  it.each([
    [['retry', 'retries', 'retried', 'retrying'], 'retri'],
    [['lookup', 'lookups'], 'lookup'],
    [['partition', 'partitions', 'partitioned', 'partitioning'], 'partition'],
    [['cache', 'caches', 'cached', 'caching'], 'cach'],
    [['prune', 'prunes', 'pruned', 'pruning'], 'prun'],
    [['index', 'indexes', 'indexing'], 'index'],
    [['map', 'maps', 'mapped', 'mapping'], 'map'],
    [['code', 'codes', 'coded', 'coding'], 'code'],
    [['use', 'uses', 'used', 'using'], 'use'],
    [['validate', 'validates', 'validation', 'validated'], 'validat'],
    [['manual', 'manually'], 'manual'],
    [['cheap', 'cheaply'], 'cheap'],
    [['deep', 'deeply'], 'deep'],
  ])('folds %j into one stem', (words, expected) => {
    expect(new Set(words.map(stem))).toEqual(new Set([expected]));
  });

  it.each(['status', 'analysis', 'process', 'string', 'speed', 'embed', 'station', 'supply', 'apply', 'add', 'fill', 's3', 'v2'])(
    'leaves "%s" as a word of its own',
    (word) => {
      expect(stem(word)).toBe(word === 'supply' ? 'suppli' : word === 'apply' ? 'appli' : word);
    },
  );

  it('keeps "note" apart from "not"', () => {
    expect(stem('note')).toBe('note');
    expect(stem('noted')).toBe('note');
  });
});
