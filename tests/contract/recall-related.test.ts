import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractServer } from '../support/contract-server.js';
import { memoryBlock, promptMemorySection } from '../support/prompt-text.js';

// A new fact that supersedes an old one is not a duplicate ("now 24 partitions" is another
// value), so both are stored; the reply names the old one so the model can archive it, and an
// archived memory never reaches the prompt.

let client: Client;
let close: () => Promise<void>;
beforeEach(async () => ({ client, close } = await contractServer()));
afterEach(() => close());

type Structured = Record<string, any>;
const call = async (name: string, args: Record<string, unknown>) => {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return { structured: result.structuredContent as Structured, text: (result.content as Array<{ text: string }>)[0]!.text };
};

describe('related memories', () => {
  it('add_memory stores a superseding fact and returns the old one as related, with advice to archive it', async () => {
    const old = (await call('add_memory', { type: 'integration', content: 'Kafka topic orders has 12 partitions' })).structured.memory;
    await call('add_memory', { type: 'integration', content: 'Snowflake warehouses auto-suspend after 60 seconds' });

    const { structured, text } = await call('add_memory', { type: 'integration', content: 'Kafka topic orders now has 24 partitions' });

    expect(structured.created).toBe(true);
    expect(structured.related).toEqual([{ id: old.id, content: old.content, similarity: expect.any(Number) }]);
    expect(structured.related[0].similarity).toBeGreaterThanOrEqual(0.5);
    expect(text).toContain(old.id);
    expect(text).toMatch(/archived: true/u);
  });

  it('extract_memories lists related memories per added block', async () => {
    const old = (await call('add_memory', { type: 'performance', content: 'Set spark.sql.shuffle.partitions to 200 for the rollup' })).structured.memory;

    const { structured } = await call('extract_memories', { text: memoryBlock('performance', 'Set spark.sql.shuffle.partitions to 400 for the rollup') });

    expect(structured.related).toEqual([{ of: structured.added[0].id, id: old.id, content: old.content, similarity: expect.any(Number) }]);
  });

  it('never shows a memory archived as superseded in the prompt, and shows the new one', async () => {
    const old = (await call('add_memory', { type: 'integration', content: 'Kafka topic orders has 12 partitions' })).structured.memory;
    await call('add_memory', { type: 'integration', content: 'Kafka topic orders now has 24 partitions' });
    await call('update_memory', { id: old.id, archived: true });

    for (const task of [undefined, 'How many partitions does the Kafka orders topic have?']) {
      const section = await promptMemorySection(client, task ? { task } : {});
      expect(section).toContain('now has 24 partitions');
      expect(section).not.toContain('has 12 partitions');
    }
  });
});
