import { describe, expect, it } from 'vitest';
import type { Memory } from '../../src/domain/memory.js';
import { exportJson } from '../../src/domain/transfer/export-json.js';
import { exportMarkdown } from '../../src/domain/transfer/export-markdown.js';
import { detectFormat, parseImport } from '../../src/domain/transfer/parse-import.js';

const memories: Memory[] = [
  { id: 'a1', agent: 'data_engineer', type: 'pattern', content: 'Use composite indexes', createdAt: '2025-08-01T00:00:00.000Z', updatedAt: '2025-08-01T00:00:00.000Z' },
];

describe('detectFormat', () => {
  it('recognises each of the four formats', () => {
    expect(detectFormat(exportJson(memories))).toBe('json');
    expect(detectFormat('[{"type":"pattern","content":"Use composite indexes"}]')).toBe('json');
    expect(detectFormat(exportMarkdown(memories))).toBe('markdown');
    expect(detectFormat('# Data Engineer Agent Memory\n\n## Pattern\n- Use composite indexes\n')).toBe('claude-mpm');
    expect(detectFormat('# Agent Memory: data_engineer\n<!-- Last Updated: 2025-08-08 -->\n- fact\n')).toBe('claude-mpm');
    expect(detectFormat('{"type":"entity","name":"dbt","entityType":"tool","observations":["x"]}')).toBe('server-memory');
    expect(detectFormat('{"type":"relation","from":"a","to":"b","relationType":"uses"}\nnot json\n')).toBe('server-memory');
  });

  it('takes our markdown with any extra heading or comment as claude-mpm', () => {
    expect(detectFormat(`${exportMarkdown(memories)}\n## Learnings\n- extra\n`)).toBe('claude-mpm');
    expect(detectFormat(`${exportMarkdown(memories)}<!-- note -->\n`)).toBe('claude-mpm');
  });

  it('explains how to proceed when nothing fits', () => {
    expect(() => detectFormat('')).toThrow(/Nothing to import/u);
    expect(() => detectFormat('just a sentence of prose')).toThrow(/Pass format explicitly/u);
    expect(() => detectFormat('{"hello": "world"}')).toThrow(/not a format I can import/u);
  });
});

describe('parseImport', () => {
  it('files every candidate under an explicit agent, overriding the agent the text names', () => {
    const parsed = parseImport(exportMarkdown(memories), 'auto', 'etl_engineer');
    expect(parsed.candidates).toEqual([{ agent: 'etl_engineer', type: 'pattern', content: 'Use composite indexes' }]);
  });

  it('honours an explicit format over detection', () => {
    expect(parseImport(exportMarkdown(memories), 'claude-mpm').format).toBe('claude-mpm');
  });
});
