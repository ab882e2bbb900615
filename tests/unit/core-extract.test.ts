import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findMemoryBlocks } from '../../src/domain/extract-blocks.js';
import { extractMemories } from '../../src/domain/extract-memories.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { tempDir } from '../support/server-process.js';

const SEED = resolve(import.meta.dirname, '../../agents/data_engineer.md');

const block = (type: string, content: string, header = '# Add To Memory:'): string => `${header}\nType: ${type}\nContent: ${content}\n#`;

describe('findMemoryBlocks', () => {
  it('reads the block syntax the seed teaches', () => {
    const reply = `I fixed the query.\n\n${block('pattern', 'Use composite indexes for multi-column queries')}\n\nDone.`;
    expect(findMemoryBlocks(reply)).toEqual([
      expect.objectContaining({ type: 'pattern', content: 'Use composite indexes for multi-column queries' }),
    ]);
  });

  it.each(['# Remember:', '# Memorize:', '## remember:', '# MEMORIZE:', '# add to memory:', '# ADD TO MEMORY:', '#Add  To  Memory :'])(
    'accepts the %s header',
    (header) => {
      const found = findMemoryBlocks(block('guideline', 'Validate data at pipeline boundaries', header));
      expect(found).toEqual([expect.objectContaining({ type: 'guideline', content: 'Validate data at pipeline boundaries' })]);
    },
  );

  it('lower-cases the type and accepts field names in any case', () => {
    const found = findMemoryBlocks('# Add To Memory:\nTYPE: Performance\ncontent: Batch inserts of 1000 rows\n#');
    expect(found).toEqual([expect.objectContaining({ type: 'performance', content: 'Batch inserts of 1000 rows' })]);
  });

  it('reads blocks written with CRLF line ends', () => {
    const reply = ['Intro', '# Add To Memory:', 'Type: mistake', 'Content: Never COPY without an explicit column list', '#', 'Outro'].join('\r\n');
    const found = findMemoryBlocks(reply);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'mistake', content: 'Never COPY without an explicit column list' });
    expect(found[0]!.block).not.toContain('\r');
  });

  it('reads a block inside a code fence, with or without the closing # line', () => {
    const fenced = '```markdown\n# Add To Memory:\nType: integration\nContent: Retry the Stripe API with backoff\n#\n```';
    const unterminated = '~~~\n# Remember:\nType: context\nContent: Warehouse runs on Snowflake\n~~~';
    expect(findMemoryBlocks(`${fenced}\n\n${unterminated}`).map((found) => [found.type, found.content])).toEqual([
      ['integration', 'Retry the Stripe API with backoff'],
      ['context', 'Warehouse runs on Snowflake'],
    ]);
  });

  it('finds every block of a reply, in order', () => {
    const reply = [block('pattern', 'First learning here'), 'text between', block('strategy', 'Second learning here', '# Remember:')].join('\n');
    expect(findMemoryBlocks(reply).map((found) => found.content)).toEqual(['First learning here', 'Second learning here']);
  });

  it('leaves a missing Type or Content undefined instead of guessing', () => {
    const [noType, noContent] = findMemoryBlocks('# Add To Memory:\nContent: Only content here\n#\n# Add To Memory:\nType: pattern\n#');
    expect(noType).toMatchObject({ content: 'Only content here' });
    expect(noType!.type).toBeUndefined();
    expect(noContent).toMatchObject({ type: 'pattern' });
    expect(noContent!.content).toBeUndefined();
  });

  it('ignores prose that mentions memory without a header line', () => {
    expect(findMemoryBlocks('Type: pattern\nContent: not a block without a header\nAdd To Memory: inline mention')).toEqual([]);
  });
});

describe('extractMemories', () => {
  let dir: string;
  let service: MemoryService;
  beforeEach(() => {
    dir = tempDir('dem-extract-');
    service = new MemoryService(new MemoryStore(join(dir, 'shop-0000abcd.json')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores each valid block and reports the repeated one as a duplicate', async () => {
    const reply = [block('pattern', 'Use composite indexes'), block('Pattern', 'use  COMPOSITE indexes', '# Remember:'), block('mistake', 'Do not normalise past 3NF')].join('\n\n');

    const result = await extractMemories(service, reply);

    expect(result.added.map((memory) => [memory.type, memory.content, memory.agent])).toEqual([
      ['pattern', 'Use composite indexes', 'data_engineer'],
      ['mistake', 'Do not normalise past 3NF', 'data_engineer'],
    ]);
    expect(result.duplicates.map((memory) => memory.id)).toEqual([result.added[0]!.id]);
    expect(result.rejected).toEqual([]);
    expect((await service.snapshot()).data.memories).toHaveLength(2);
  });

  it('explains each rejected block: missing Type, missing Content, unknown type, too short, too long', async () => {
    const reply = [
      '# Add To Memory:\nContent: A learning without a type\n#',
      '# Add To Memory:\nType: pattern\n#',
      block('recipe', 'An unknown type of learning'),
      block('pattern', 'tiny'),
      block('pattern', 'x'.repeat(101)),
      block('context', 'The one valid block'),
    ].join('\n\n');

    const result = await extractMemories(service, reply);

    expect(result.added.map((memory) => memory.content)).toEqual(['The one valid block']);
    const reasons = result.rejected.map((reject) => reject.reason);
    expect(reasons).toHaveLength(5);
    expect(reasons[0]).toMatch(/missing field "Type:"/u);
    expect(reasons[1]).toMatch(/missing field "Content:"/u);
    expect(reasons[2]).toMatch(/type "recipe" is not a memory type; use one of pattern, architecture/u);
    expect(reasons[3]).toMatch(/content is 4 characters after trimming; it must be 5-100/u);
    expect(reasons[4]).toMatch(/content is 101 characters after trimming; it must be 5-100/u);
    expect(result.rejected[2]!.block).toContain('Type: recipe');
  });

  it('stores nothing from the seed agent text itself (its example block is a placeholder)', async () => {
    const result = await extractMemories(service, readFileSync(SEED, 'utf8'));
    expect(result.added).toEqual([]);
    expect(result.rejected.length).toBeGreaterThan(0);
  });

  const MIB = 1024 * 1024;
  const line = 'Some ordinary prose about partitioning and vacuuming tables.\n';

  it.each([
    ['many short lines', line.repeat(Math.ceil(MIB / line.length))],
    ['one 1 MiB line', 'x'.repeat(MIB)],
  ])('finds the blocks at the end of 1 MiB of text in %s', async (_shape, filler) => {
    const reply = `${filler}\n${block('performance', 'Partition by event date')}\n${block('architecture', 'Bronze silver gold layers', '# Memorize:')}`;
    expect(reply.length).toBeGreaterThan(MIB);

    const result = await extractMemories(service, reply);

    expect(result.added.map((memory) => memory.content)).toEqual(['Partition by event date', 'Bronze silver gold layers']);
  });

  it('files extracted memories under the agent it is given', async () => {
    const result = await extractMemories(service, block('pattern', 'Review joins before merge'), 'sql_reviewer');
    expect(result.added[0]!.agent).toBe('sql_reviewer');
  });
});

describe('a block whose closing # was forgotten', () => {
  it('ends at the next blank line, heading or list item instead of swallowing the reply', () => {
    const reply = [
      '# Add To Memory:',
      'Type: performance',
      'Content: Index orders by created_at',
      '',
      'Next I will run the migration.',
      '',
      '## Summary',
      'Done.',
    ].join('\n');
    expect(findMemoryBlocks(reply)).toEqual([expect.objectContaining({ type: 'performance', content: 'Index orders by created_at' })]);

    const beforeHeading = '# Remember:\nType: mistake\nContent: Never trust upstream timestamps\n## Next steps\nShip it';
    expect(findMemoryBlocks(beforeHeading)[0]?.content).toBe('Never trust upstream timestamps');

    const beforeList = '# Memorize:\nType: pattern\nContent: Upsert by natural key\n- then backfill\n- then verify';
    expect(findMemoryBlocks(beforeList)[0]?.content).toBe('Upsert by natural key');
  });

  it('still joins a content line the model wrapped, with no blank line in between', () => {
    const wrapped = '# Add To Memory:\nType: pattern\nContent: Use composite indexes\n  for multi-column queries\n#';
    expect(findMemoryBlocks(wrapped)[0]?.content).toBe('Use composite indexes for multi-column queries');
  });
});
