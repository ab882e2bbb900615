import { describe, expect, it } from 'vitest';
import type { Memory } from '../../src/domain/memory.js';
import { EXPORT_FORMAT, exportJson } from '../../src/domain/transfer/export-json.js';
import { parseImport } from '../../src/domain/transfer/parse-import.js';

const memories: Memory[] = [
  { id: 'a1', agent: 'data_engineer', type: 'pattern', content: '# Use composite indexes', createdAt: '2025-08-01T10:00:00.000Z', updatedAt: '2025-08-02T10:00:00.000Z' },
  { id: 'a2', agent: 'ops', type: 'mistake', content: '- Never run DDL in a transaction-less migration', createdAt: '2025-08-03T10:00:00.000Z', updatedAt: '2025-08-03T10:00:00.000Z' },
];

describe('exportJson', () => {
  it('writes pretty JSON with the format marker, version and full memories, but no clock reading', () => {
    const text = exportJson(memories);
    expect(text).toContain('\n  "format"');
    expect(JSON.parse(text)).toEqual({ format: EXPORT_FORMAT, version: 1, memories });
    expect(text).not.toContain('exportedAt');
  });

  it('round-trips agent, type, content and creation time', () => {
    const parsed = parseImport(exportJson(memories));
    expect(parsed).toEqual({
      format: 'json',
      rejected: [],
      candidates: memories.map(({ agent, type, content, createdAt }) => ({ agent, type, content, createdAt })),
    });
  });
});

describe('parsing JSON', () => {
  it('accepts a bare array of {type, content} and normalises content', () => {
    const parsed = parseImport('[{"type": "Context", "content": "  Warehouse\\n is   Snowflake "}]');
    expect(parsed).toEqual({ format: 'json', rejected: [], candidates: [{ type: 'context', content: 'Warehouse is Snowflake' }] });
  });

  it('refuses items with an unknown type, listing the valid ones, and keeps the rest', () => {
    const parsed = parseImport(JSON.stringify([{ type: 'recipe', content: 'Bake at 200' }, { type: 'pattern', content: 'Batch inserts by 1000' }]));
    expect(parsed.candidates).toEqual([{ type: 'pattern', content: 'Batch inserts by 1000' }]);
    expect(parsed.rejected).toEqual([
      {
        block: '{"type":"recipe","content":"Bake at 200"}',
        reason: 'unknown type "recipe"; use one of: pattern, architecture, guideline, mistake, strategy, integration, performance, context',
      },
    ]);
  });

  it('refuses archived memories, invalid agents and items without content, with reasons', () => {
    const parsed = parseImport(
      JSON.stringify({
        format: EXPORT_FORMAT,
        version: 1,
        memories: [
          { ...memories[0], archivedAt: '2025-09-01T00:00:00.000Z' },
          { type: 'pattern', content: 'Fine otherwise', agent: 'Data Engineer' },
          { type: 'pattern' },
          'just a string',
        ],
      }),
    );
    expect(parsed.candidates).toEqual([]);
    expect(parsed.rejected.map((reject) => reject.reason)).toEqual([
      'archived in the source; only active memories are imported',
      expect.stringContaining('agent "Data Engineer" is not a valid agent name'),
      'missing "content" string',
      'not an object with "type" and "content"',
    ]);
  });

  it('clips a huge offending item to about 200 characters', () => {
    const parsed = parseImport(JSON.stringify([{ type: 'nope', content: 'x'.repeat(1000) }]));
    expect(parsed.rejected[0]!.block.length).toBeLessThanOrEqual(200);
  });

  it('explains what to do when the JSON is broken or from a newer version', () => {
    expect(() => parseImport('{"memories": [', 'json')).toThrow(/not valid JSON.*pass format/u);
    expect(() => parseImport(JSON.stringify({ format: EXPORT_FORMAT, version: 2, memories: [] }))).toThrow(
      /version 2 .*reads version 1\. Update data-engineer-mcp/u,
    );
  });
});
