import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractServer, replyText } from '../support/contract-server.js';

// A fact learned again while its memory sits in the archive is current again: it comes back
// to active (and so into the prompt), and the reply says it was restored rather than "already stored".

const FACT = 'Orders land in raw.orders_v2 before the nightly MERGE';
let server: Awaited<ReturnType<typeof contractServer>>;
let id: string;

beforeEach(async () => {
  server = await contractServer();
  id = ((await server.call('add_memory', { type: 'context', content: FACT })).structuredContent as { memory: { id: string } }).memory.id;
  await server.call('update_memory', { id, archived: true });
});
afterEach(() => server.close());

const promptText = async (): Promise<string> =>
  JSON.stringify((await server.client.getPrompt({ name: 'data_engineer', arguments: {} })).messages);

describe('re-learning an archived fact', () => {
  it('add_memory makes it active, says it was restored, and puts it back in the prompt', async () => {
    expect(await promptText()).not.toContain(FACT);

    const result = await server.call('add_memory', { type: 'context', content: FACT });

    expect(result.isError).toBeFalsy();
    expect(replyText(result)).toMatch(/^Restored from the archive: memory \S+ already said the same and is active again/u);
    expect(result.structuredContent).toMatchObject({ created: false, restored: true, memory: { id } });
    expect((result.structuredContent as { memory: object }).memory).not.toHaveProperty('archivedAt');
    expect(await promptText()).toContain(FACT);
  });

  it('extract_memories lists it as restored from the archive', async () => {
    const result = await server.call('extract_memories', { text: `# Add To Memory:\nType: context\nContent: ${FACT}\n#` });

    expect(replyText(result)).toContain('Added 0, restored from the archive 1, already stored 0, rejected 0.');
    expect(result.structuredContent).toMatchObject({ added: [], duplicates: [], restored: [{ id }] });
    const active = (await server.call('read_memories', {})).structuredContent as { memories: Array<{ id: string }> };
    expect(active.memories.map((memory) => memory.id)).toEqual([id]);
  });
});
