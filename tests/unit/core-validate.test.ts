import { describe, expect, it } from 'vitest';
import { MemoryError } from '../../src/domain/errors.js';
import { MEMORY_TYPES } from '../../src/domain/memory.js';
import { validAgent, validContent, validType } from '../../src/domain/validate-memory.js';

function refusal(run: () => unknown): MemoryError {
  try {
    run();
  } catch (error) {
    if (error instanceof MemoryError) return error;
    throw error;
  }
  throw new Error('the value was accepted, but it should have been refused');
}

describe('validContent', () => {
  it('trims the ends', () => {
    expect(validContent('   Use composite indexes \t\n')).toBe('Use composite indexes');
  });

  it('folds every run of whitespace, newlines included, into one space on one line', () => {
    expect(validContent('Use\ncomposite\r\n\r\n  indexes\tfor   joins')).toBe('Use composite indexes for joins');
  });

  it.each([
    [5, 'abcde'],
    [100, 'a'.repeat(100)],
    [100, `  ${'b'.repeat(100)}  `],
    [5, 'ab \n\t cd'],
  ])('accepts %i characters', (length, raw) => {
    expect([...validContent(raw)]).toHaveLength(length);
  });

  it.each([
    ['4 characters', 'abcd', 4],
    ['4 characters padded with spaces', '   abcd   ', 4],
    ['only whitespace', ' \n\t ', 0],
    ['101 characters', 'a'.repeat(101), 101],
  ])('refuses %s, naming the field, the length and the 5-100 rule', (_case, raw, length) => {
    const error = refusal(() => validContent(raw));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(`content is ${length} characters after trimming; it must be 5-100`);
  });

  it('counts whitespace folding before the length rule: 101 characters with a double space fit', () => {
    const raw = `${'a'.repeat(50)}  ${'b'.repeat(49)}`;
    expect(raw).toHaveLength(101);
    expect(validContent(raw)).toHaveLength(100);
  });

  it('counts characters, not UTF-16 units', () => {
    expect([...validContent('📊'.repeat(100))]).toHaveLength(100);
    expect(refusal(() => validContent('📊'.repeat(101))).message).toContain('101 characters');
    expect(refusal(() => validContent('📊📊')).message).toContain('2 characters');
  });

  it('names the field it is given', () => {
    expect(refusal(() => validContent('hi', 'Content:')).message).toMatch(/^Content: is 2 characters/u);
  });
});

describe('validType', () => {
  it.each(MEMORY_TYPES.map((type) => [type]))('accepts %s', (type) => {
    expect(validType(type)).toBe(type);
  });

  it.each([
    ['Pattern', 'pattern'],
    ['  MISTAKE ', 'mistake'],
    ['Architecture\n', 'architecture'],
  ])('normalises %j to %s', (raw, type) => {
    expect(validType(raw)).toBe(type);
  });

  it.each(['patterns', 'recipe', '', 'pattern|architecture'])('refuses %j and lists the eight types', (raw) => {
    const error = refusal(() => validType(raw));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(`type "${raw}" is not a memory type`);
    expect(error.message).toContain(MEMORY_TYPES.join(', '));
  });
});

describe('validAgent', () => {
  it('accepts the names a stored record may carry', () => {
    for (const name of ['data_engineer', 'etl-bot', 'a1', 'x'.repeat(64)]) expect(validAgent(name)).toBe(name);
  });

  it('refuses any other, naming the field and the rule, so no write leaves a record its own reads reject', () => {
    for (const name of ['Data_Engineer', 'data engineer', '', 'x'.repeat(65)]) {
      const error = refusal(() => validAgent(name));
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toMatch(/^agent ".*" is not an agent name; use 1-64 lower-case letters/u);
    }
  });
});
