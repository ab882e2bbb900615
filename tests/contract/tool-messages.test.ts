import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';
import { textOf } from '../support/server-process.js';

const call = async (name: string, args: Record<string, unknown>) => {
  const result = await client.callTool({ name, arguments: args });
  return { isError: result.isError === true, text: textOf(result as never) };
};

let client: Client;
useContractServer('file', (server) => ({ client } = server));

describe('what the tools say', () => {
  it('memory_info counts one memory in the singular', async () => {
    await call('add_memory', { type: 'pattern', content: 'Use surrogate keys in every dimension' });
    expect((await call('memory_info', {})).text).toMatch(/- shop \S+ \(1 memory\)/u);
  });

  it('update_memory says archived and restored for those changes', async () => {
    const { structuredContent } = await client.callTool({ name: 'add_memory', arguments: { type: 'guideline', content: 'Every transform is a dbt model' } });
    const id = (structuredContent as { memory: { id: string } }).memory.id;
    expect((await call('update_memory', { id, archived: true })).text).toMatch(new RegExp(`^Archived ${id}: `, 'u'));
    expect((await call('update_memory', { id, archived: false })).text).toMatch(new RegExp(`^Restored ${id}: `, 'u'));
    expect((await call('update_memory', { id, type: 'pattern' })).text).toMatch(new RegExp(`^Updated ${id}: `, 'u'));
  });

  it('extract_memories on text without a block says so and shows the block shape', async () => {
    const { isError, text } = await call('extract_memories', { text: 'Here is my answer, with no memory block in it.' });
    expect(isError).toBe(false);
    expect(text).toMatch(/^No "# Add To Memory:" block was found in the text, so nothing was stored\. A block looks like:\n\n# Add To Memory:\nType: performance\nContent: /u);
  });

  it('export_memories of an agent nobody knows says so, listing the agents; a known agent with no memories exports empty', async () => {
    const unknown = await call('export_memories', { format: 'markdown', agent: 'nosuch' });
    expect(unknown).toMatchObject({ isError: true, text: expect.stringMatching(/^No agent named "nosuch" is loaded or has memories in this project.*Agents here: data_engineer\./u) });
    expect((await call('export_memories', { format: 'json', agent: 'data_engineer' })).isError).toBe(false);
  });
});
