import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractServer } from '../support/contract-server.js';
import { promptMemorySection } from '../support/prompt-text.js';
import { loadCorpus } from '../support/recall-eval.js';

// With thousands of memories the prompt's section holds ~40: the one a task needs must be among
// them, and a task that matches nothing must not pass recent memories off as relevant.

const { memories, queries } = loadCorpus();
// The blind sets' tasks are measured by npm run eval, not gated one by one: a gate per query is a reason
// to tune on them (the section held a needed memory for 21 of the 22 when they were added).
const tasks = queries.filter((query) => query.class === 'task' && !query.split.startsWith('blind'));

/** 2,000 plausible neighbours: the same vocabulary as the corpus, in combinations no task asks for. */
const SOURCES = ['vendor', 'partner', 'billing', 'marketing', 'crm', 'erp', 'mobile', 'web', 'support', 'logistics'];
const THINGS = ['feed', 'export', 'extract', 'snapshot', 'report', 'table', 'topic', 'bucket', 'model', 'job'];
const FACTS = ['arrives gzip-compressed', 'is owned by the platform team', 'is documented in the wiki', 'lands in the raw schema', 'is kept for audit', 'has a README', 'is tagged internal', 'is reviewed quarterly'];
const filler = Array.from({ length: 2_000 }, (_, n) => ({
  type: 'context',
  content: `The ${SOURCES[n % 10]} ${THINGS[Math.floor(n / 10) % 10]} #${n} ${FACTS[Math.floor(n / 100) % FACTS.length]}`,
}));

let client: Client;
let close: () => Promise<void>;
let idOf: Map<string, string>;

beforeAll(async () => {
  ({ client, close } = await contractServer({ maxMemoriesPerAgent: 10_000 }));
  const text = JSON.stringify([...memories.map(({ type, content }) => ({ type, content })), ...filler]);
  const result = await client.callTool({ name: 'import_memories', arguments: { text, format: 'json' } });
  const { counts } = result.structuredContent as { counts: { added: number } };
  expect(counts.added).toBe(memories.length + filler.length);
  idOf = new Map(memories.map((memory) => [memory.id, memory.content]));
}, 60_000);
afterAll(() => close());

describe(`the prompt over ${memories.length + filler.length} memories`, () => {
  it.each(tasks.map((task) => [task.query, task.wanted] as const))('shows a memory that task "%s" needs', async (task, wanted) => {
    const section = await promptMemorySection(client, { task });
    expect(section).toContain('Most relevant to the task first.');
    expect(wanted.some((id) => section.includes(JSON.stringify(idOf.get(id)!))), section).toBe(true);
  });

  it('says it shows recent memories instead when nothing matches the task', async () => {
    const section = await promptMemorySection(client, { task: 'Quixotic zebra xylophone' });
    expect(section).toMatch(/None matched the task, so these are the most recent instead/u);
    expect(section).toContain(JSON.stringify(filler.at(-1)!.content));
  });
});
