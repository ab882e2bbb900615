import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainToolCall } from '../../src/mcp/repeated-checks.js';

// A tools/call request isPlainToolCall takes skips the SDK's parse with CallToolRequestSchema
// (src/mcp/repeated-checks.ts): each must be one the schema takes, parsed to the same params.

const onTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
const params = fc.oneof(
  fc.record({ name: fc.oneof(fc.string(), fc.anything()), arguments: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.anything()) }, { requiredKeys: [] }),
  fc.record({ name: fc.string(), arguments: fc.dictionary(fc.string(), fc.jsonValue()), _meta: fc.anything(), task: fc.anything(), other: fc.anything() }, { requiredKeys: ['name'] }),
  fc.anything(),
);
const request = fc.record({ jsonrpc: fc.constant('2.0'), id: fc.integer(), method: fc.oneof(fc.constant('tools/call'), fc.string()), params }, { requiredKeys: ['jsonrpc', 'id', 'method'] });

describe('plain tool calls', () => {
  it('takes only requests CallToolRequestSchema takes, with the params it parses them to', () => {
    fc.assert(
      fc.property(request, (generated) => {
        for (const candidate of [generated, onTheWire(generated) as typeof generated]) {
          if (!isPlainToolCall(candidate)) continue;
          const parsed = CallToolRequestSchema.safeParse(candidate);
          expect(parsed.success).toBe(true);
          expect(parsed.data).toEqual({ method: candidate.method, params: candidate.params });
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes the calls a client sends, and leaves those with _meta, a task or a bad name to the schema', () => {
    const call = (params: unknown) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params });
    expect(isPlainToolCall(call({ name: 'read_memories', arguments: { query: 'kafka', limit: 10 } }))).toBe(true);
    expect(isPlainToolCall(call({ name: 'memory_info' }))).toBe(true);
    expect(isPlainToolCall(call({ name: 'read_memories', arguments: {}, _meta: { progressToken: 1 } }))).toBe(false);
    expect(isPlainToolCall(call({ name: 'read_memories', task: { ttl: 1 } }))).toBe(false);
    expect(isPlainToolCall(call({ name: 7 }))).toBe(false);
    expect(isPlainToolCall(call({ name: 'x', arguments: [1] }))).toBe(false);
    expect(isPlainToolCall(call({ name: 'x', arguments: JSON.parse('{"__proto__":{"a":1}}') }))).toBe(false);
    expect(isPlainToolCall({ ...call({ name: 'x' }), method: 'tools/list' })).toBe(false);
  });
});
