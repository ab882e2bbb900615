import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemoryService } from '../../src/domain/memory-service.js';
import { pickPromptMemories } from '../../src/domain/pick-prompt-memories.js';
import { renderPromptMemory } from '../../src/domain/prompt-memory.js';
import { RecallWorld } from '../support/recall-service.js';

// The prompt's memories in the domain: with a task the memories most relevant to it come first,
// then the most recent; without one the most recent; always within the character budget.

let world: RecallWorld;
let service: MemoryService;

const RELEVANT = [
  { type: 'performance', content: 'Partition the events table by event_date so pruning skips old files' },
  { type: 'mistake', content: 'Overwriting an events partition without a date filter wiped two days' },
];
/** Added after the relevant ones, so they are the most recent and would come first without a task. */
const RECENT = Array.from({ length: 30 }, (_, n) => ({ type: 'pattern', content: `Vendor feed ${n} arrives as gzip CSV over SFTP at 0${n % 10}:00` }));

async function section(task: string | undefined, budget = 4_000, agent = 'data_engineer'): Promise<string> {
  const { data, indexes } = await service.snapshot();
  const { ordered, total } = pickPromptMemories(data, indexes, agent, task);
  return renderPromptMemory({ projectName: 'shop', memories: ordered, total, budget });
}

beforeEach(async () => {
  world = new RecallWorld();
  service = world.service();
  for (const memory of [...RELEVANT, ...RECENT]) await service.add(memory);
  await service.add({ type: 'context', content: 'Events partition layout belongs to the qa agent only', agent: 'qa' });
});
afterEach(() => world.dispose());

describe('prompt memory picked by the task', () => {
  it('puts the memories relevant to the task before more recent unrelated ones', async () => {
    const text = await section('Add a partition for the new events table');
    const lines = text.split('\n').filter((line) => line.startsWith('- '));

    expect(lines.slice(0, 2).sort()).toEqual(RELEVANT.map((memory) => `- ${JSON.stringify(memory.content)}`).sort());
    expect(text).toContain('Showing 32 of 32 memories.');
  });

  it('keeps the relevant memories and drops the recent unrelated ones when the budget is tight', async () => {
    const text = await section('Add a partition for the new events table', 600);

    expect(text.length).toBeLessThanOrEqual(600);
    for (const { content } of RELEVANT) expect(text).toContain(content);
    const shown = Number(/Showing (\d+) of 32 memories\./u.exec(text)?.[1]);
    expect(shown).toBeGreaterThanOrEqual(2);
    expect(shown).toBeLessThan(32);
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(shown);
  });

  it('shows the most recent first without a task', async () => {
    const text = await section(undefined, 600);

    expect(text.length).toBeLessThanOrEqual(600);
    expect(text).toContain(RECENT.at(-1)!.content);
    for (const { content } of RELEVANT) expect(text).not.toContain(content);
    expect(text).toMatch(/Showing \d+ of 32 memories\./u);
  });

  it('leaves out archived memories and other agents', async () => {
    const { memories } = await service.snapshot().then(({ data }) => data);
    await service.update({ id: memories.find((memory) => memory.content === RELEVANT[0]!.content)!.id, archived: true });

    const text = await section('Add a partition for the new events table');
    expect(text).not.toContain(RELEVANT[0]!.content);
    expect(text).not.toContain('qa agent only');
    expect(text).toContain('Showing 31 of 31 memories.');
    expect(await section('events partition', 4_000, 'qa')).toContain('Showing 1 of 1 memories.');
  });

  it('groups by type, the group of the best match first', async () => {
    const text = await section('events partition pruning');
    const headings = text.split('\n').filter((line) => line.startsWith('### '));

    expect(headings).toEqual(['### Performance', '### Mistake', '### Pattern']);
  });
});
