import { describe, expect, it } from 'vitest';
import { isMemoryError } from '../../src/domain/errors.js';
import { parseImport } from '../../src/domain/transfer/parse-import.js';
import { JSON_DEPTH_MAX, jsonDepth } from '../../src/domain/transfer/parse-json-text.js';

const DEEP = 100_000;
const nested = (open: string, close: string, core = '') => open.repeat(DEEP) + core + close.repeat(DEEP);

/** The error parseImport throws, or undefined when it returns. */
function failureOf(text: string, format: 'auto' | 'json' | 'server-memory'): unknown {
  try {
    parseImport(text, format);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('an import nested 100,000 levels deep', () => {
  it.each([
    ['arrays', nested('[', ']')],
    ['arrays inside an export', `{"memories":[${nested('[', ']')}]}`],
    ['objects', nested('{"a":', '}', '1')],
    ['a server-memory line', `{"type":"entity","name":"x","observations":${nested('[', ']')}}`],
  ])('is refused with an error naming the depth limit: %s', (_, text) => {
    for (const format of ['auto', 'json', 'server-memory'] as const) {
      const error = failureOf(text, format);
      expect(isMemoryError(error), `${format}: ${String(error)}`).toBe(true);
      expect((error as Error).message).toContain(`the limit is ${JSON_DEPTH_MAX} levels`);
      expect((error as Error).message).toMatch(/nests JSON 100,00\d levels deep/u);
    }
  });
});

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"memories":[{"content":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('["a\\"[[["]')).toBe(1);
    expect(jsonDepth('plain text')).toBe(0);
  });

  it('lets every format we import through', () => {
    expect(parseImport('{"entities":[{"name":"a","entityType":"t","observations":["seen once here"]}]}').candidates).toHaveLength(1);
  });
});
