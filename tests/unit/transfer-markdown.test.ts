import { describe, expect, it } from 'vitest';
import type { Memory, MemoryType } from '../../src/domain/memory.js';
import { exportMarkdown } from '../../src/domain/transfer/export-markdown.js';
import { parseImport } from '../../src/domain/transfer/parse-import.js';

let serial = 0;
function memory(type: MemoryType, content: string, agent = 'data_engineer', updatedAt = '2025-08-08T00:00:00.000Z'): Memory {
  serial += 1;
  return { id: `m${serial}`, agent, type, content, createdAt: updatedAt, updatedAt };
}

const triples = (items: Array<{ agent?: string; type: string; content: string }>) =>
  items.map(({ agent, type, content }) => `${agent}|${type}|${content}`).sort();

describe('exportMarkdown', () => {
  it('titles the agent, orders sections by memory type and lists the newest first', () => {
    const text = exportMarkdown([
      memory('mistake', 'Never truncate the staging table', 'data_engineer', '2025-01-01T00:00:00.000Z'),
      memory('pattern', 'Use composite indexes for multi-column queries'),
      memory('mistake', 'Do not retry non-idempotent writes', 'data_engineer', '2025-03-01T00:00:00.000Z'),
    ]);
    expect(text).toBe(
      [
        '# Data Engineer Memory',
        '',
        '## Pattern',
        '',
        '- Use composite indexes for multi-column queries',
        '',
        '## Mistake',
        '',
        '- Do not retry non-idempotent writes',
        '- Never truncate the staging table',
        '',
      ].join('\n'),
    );
  });

  it('writes one block per agent, in name order', () => {
    const text = exportMarkdown([memory('context', 'Warehouse is Snowflake', 'zeta'), memory('context', 'Lake is S3', 'alpha')]);
    expect(text.indexOf('# Alpha Memory')).toBeLessThan(text.indexOf('# Zeta Memory'));
  });

  it('says there is nothing yet when there are no memories, under the default or given agent', () => {
    expect(exportMarkdown([])).toBe('# Data Engineer Memory\n\n_No memories yet._\n');
    expect(exportMarkdown([], { agent: 'ops_engineer' })).toBe('# Ops Engineer Memory\n\n_No memories yet._\n');
    expect(parseImport(exportMarkdown([]))).toEqual({ format: 'markdown', candidates: [], rejected: [] });
  });
});

describe('markdown round trip', () => {
  it('gives back every agent, type and content, even content that looks like markdown', () => {
    const memories = [
      memory('pattern', '# not a heading, just a hash'),
      memory('mistake', '- starts with a dash and a space'),
      memory('guideline', '**bold** claims stay verbatim'),
      memory('context', '## Pattern looks like a section'),
      memory('performance', '_No memories yet._ is content here'),
      memory('strategy', '[2025-08-08] a bracketed date stays in content'),
      memory('integration', 'Use exponential backoff for API retries', 'etl_2'),
      memory('architecture', 'Agent with a hyphen keeps its name', 'general-purpose'),
      memory('context', 'Agent ending in agent is not claude-mpm', 'qa_agent'),
      memory('context', 'Agent called agent is not claude-mpm', 'agent'),
    ];
    const parsed = parseImport(exportMarkdown(memories));
    expect(parsed.format).toBe('markdown');
    expect(parsed.rejected).toEqual([]);
    expect(triples(parsed.candidates)).toEqual(triples(memories));
  });
});

describe('parsing our markdown', () => {
  it('refuses bullets under a section that is not a memory type, naming the valid types', () => {
    const parsed = parseImport('# Data Engineer Memory\n\n## Recipes\n\n- Bake at 200 degrees\n', 'markdown');
    expect(parsed.candidates).toEqual([]);
    expect(parsed.rejected).toEqual([
      { block: '- Bake at 200 degrees', reason: expect.stringContaining('"Recipes" is not a memory type') },
    ]);
    expect(parsed.rejected[0]!.reason).toContain('Pattern, Architecture, Guideline, Mistake');
  });

  it('refuses bullets before any type heading and lines that are not bullets', () => {
    const parsed = parseImport('# Data Engineer Memory\n- orphan bullet\n## Pattern\nloose prose\n- kept fact\n', 'markdown');
    expect(parsed.candidates).toEqual([{ agent: 'data_engineer', type: 'pattern', content: 'kept fact' }]);
    expect(parsed.rejected.map((reject) => reject.block)).toEqual(['- orphan bullet', 'loose prose']);
    expect(parsed.rejected[0]!.reason).toMatch(/before any "## <Type>" heading/u);
  });

  it('reads CRLF line ends and normalises whitespace inside content', () => {
    const parsed = parseImport('# Data Engineer Memory\r\n\r\n## Context\r\n\r\n- spaced   out\tfact  \r\n');
    expect(parsed.candidates).toEqual([{ agent: 'data_engineer', type: 'context', content: 'spaced out fact' }]);
  });
});
