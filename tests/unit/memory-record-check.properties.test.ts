import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MEMORY_TYPES, MemorySchema, isMemoryRecord } from '../../src/domain/memory.js';
import { RECORD_RULES } from '../../src/domain/store/last-write.js';

// Reading a store tests every record with isMemoryRecord, and only the ones it rejects with zod:
// the two must agree on every value, or a record zod refuses would be served (or one it accepts
// flagged as a flaw).

const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
/** Mostly the field's valid form, sometimes anything: so both answers come up often. */
const field = (valid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: anyValue, weight: 1 });
const agentName = fc.oneof(
  fc.constantFrom('data_engineer', 'etl-bot', 'a', 'x'.repeat(64), 'x'.repeat(65), 'Data_Engineer', 'data engineer', ''),
  fc.stringMatching(/^[a-z0-9_-]{1,70}$/),
  fc.string({ maxLength: 8 }),
);
const type = fc.oneof(fc.constantFrom(...MEMORY_TYPES), fc.constantFrom('Pattern', 'patterns', ''), fc.string({ maxLength: 6 }));
const record = fc.record(
  {
    id: field(fc.string({ maxLength: 8 })),
    agent: field(agentName),
    type: field(type),
    content: field(fc.string({ maxLength: 20 })),
    createdAt: field(fc.constant('2026-01-01T00:00:00.000Z')),
    updatedAt: field(fc.constant('2026-01-01T00:00:00.000Z')),
    author: field(fc.constantFrom('alice', '')),
    archivedAt: field(fc.constant('2026-02-01T00:00:00.000Z')),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

describe('the hand-written memory record check', () => {
  it('accepts exactly the records MemorySchema.loose() accepts', () => {
    const schema = MemorySchema.loose();
    fc.assert(
      fc.property(fc.oneof({ arbitrary: record, weight: 9 }, { arbitrary: anyValue, weight: 1 }), (value) => {
        expect(isMemoryRecord(value), JSON.stringify(value)).toBe(schema.safeParse(value).success);
      }),
      { numRuns: 10_000 },
    );
  });

  it('accepts a record the way a store holds it, and refuses a hand edit zod refuses', () => {
    const stored = { id: 'a1', agent: 'data_engineer', type: 'pattern', content: 'Partition by date', createdAt: 'x', updatedAt: 'y' };
    expect(isMemoryRecord(stored)).toBe(true);
    expect(isMemoryRecord({ ...stored, archivedAt: null })).toBe(false);
    expect(isMemoryRecord({ ...stored, type: 'Pattern' })).toBe(false);
    expect(isMemoryRecord([stored])).toBe(false);
  });
});

describe('RECORD_RULES', () => {
  // A reader skips checking the records of a file a write of ours left under the same RECORD_RULES
  // (src/domain/store/last-write.ts): a change to what a record must be has to bump it, or a
  // reader would serve records its own rules refuse.
  it('names the record rules: a change to MemorySchema comes with a new RECORD_RULES (then update the digest here)', () => {
    // The schema as JSON Schema, without the descriptions written for the model.
    const shape = JSON.stringify(z.toJSONSchema(MemorySchema.loose()), (key, value: unknown) => (key === 'description' ? undefined : value));
    const rules = createHash('sha1').update(shape).digest('hex');
    expect({ RECORD_RULES, rules }).toEqual({ RECORD_RULES: 'records-1', rules: '6e4cf012b076a53911ae0cbfd15792b3337fad85' });
  });
});
