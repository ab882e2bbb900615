import { describe, expect, it } from 'vitest';
import { newMemoryId } from '../../src/domain/memory-id.js';

describe('memory ids', () => {
  it('are eight base64url characters that never start with "-", so a command line never reads one as an option', () => {
    // Without the rule about 1 id in 64 starts with "-": 20,000 ids would hold ~300.
    const ids = Array.from({ length: 20_000 }, newMemoryId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{7}$/u);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
