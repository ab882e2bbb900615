import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractServer, contractServer } from '../support/contract-server.js';
import { memoryBlock, promptMemorySection } from '../support/prompt-text.js';
import { ok } from '../support/server-process.js';

// prompts/get with a task puts the memories relevant to it first,
// then the most recent, within DATA_ENGINEER_PROMPT_MEMORY_CHARS; without a task the most
// recent; the section says how many it shows of how many.

const RELEVANT = [
  'Partition the events table by event_date so pruning skips old files',
  'Overwriting an events partition without a date filter wiped two days',
];
/** Stored after the relevant ones: the most recent, and unrelated to the task. */
const RECENT = Array.from({ length: 30 }, (_, n) => `Vendor feed ${n} arrives as gzip CSV over SFTP at 0${n % 10}:00`);
const TOTAL = RELEVANT.length + RECENT.length;
const TASK = 'Add a partition to the events table for the new region';

let servers: ContractServer[];
let roomy: Client;
let tight: Client;

/** The relevant memories first, then the recent unrelated ones in one extract. */
async function remember(client: Client): Promise<void> {
  await ok(client, 'add_memory', { type: 'performance', content: RELEVANT[0] });
  await ok(client, 'add_memory', { type: 'mistake', content: RELEVANT[1] });
  const recent = await ok(client, 'extract_memories', { text: RECENT.map((content) => memoryBlock('pattern', content)).join('\n\n') });
  expect(recent.added).toHaveLength(RECENT.length);
}

beforeAll(async () => {
  // The same memories under the default budget and under a small one, as a client configured with
  // DATA_ENGINEER_PROMPT_MEMORY_CHARS=600 would start the server.
  servers = await Promise.all([contractServer(), contractServer({ promptMemoryChars: 600 })]);
  roomy = servers[0]!.client;
  tight = servers[1]!.client;
  for (const client of [roomy, tight]) await remember(client);
});
afterAll(async () => {
  for (const server of servers) await server.close();
});

const memoryLines = (section: string) => section.split('\n').filter((line) => line.startsWith('- '));
const shown = (section: string) => {
  const match = /Showing (\d+) of (\d+) memories\./u.exec(section);
  expect(match, section).not.toBeNull();
  return { shown: Number(match![1]), of: Number(match![2]) };
};
/** Everything before the "Showing" line: the heading and the data-not-instructions note. */
const preamble = (section: string) => section.slice(0, section.indexOf('Showing '));

describe('prompts/get with a task', () => {
  it('lists the memories relevant to the task before the more recent unrelated ones', async () => {
    const section = await promptMemorySection(roomy, { task: TASK });

    const lines = memoryLines(section);
    expect(lines.slice(0, 2).sort()).toEqual(RELEVANT.map((content) => `- ${JSON.stringify(content)}`).sort());
    expect(lines.slice(2).every((line) => line.includes('Vendor feed'))).toBe(true);
    expect(shown(section)).toEqual({ shown: lines.length, of: TOTAL });
  });

  it('keeps the section within DATA_ENGINEER_PROMPT_MEMORY_CHARS=600, relevant memories kept', async () => {
    const section = await promptMemorySection(tight, { task: TASK });

    expect(section.length - preamble(section).length).toBeLessThanOrEqual(600);
    for (const content of RELEVANT) expect(section).toContain(JSON.stringify(content));
    const counts = shown(section);
    expect(counts.of).toBe(TOTAL);
    expect(counts.shown).toBe(memoryLines(section).length);
    expect(counts.shown).toBeLessThan(TOTAL);
  });
});

describe('prompts/get without a task', () => {
  it('shows the most recent memories, newest first, within the budget', async () => {
    const section = await promptMemorySection(tight);

    expect(section.length - preamble(section).length).toBeLessThanOrEqual(600);
    const lines = memoryLines(section);
    expect(lines[0]).toBe(`- ${JSON.stringify(RECENT.at(-1))}`);
    expect(lines[1]).toBe(`- ${JSON.stringify(RECENT.at(-2))}`);
    for (const content of RELEVANT) expect(section).not.toContain(content);
    expect(shown(section)).toEqual({ shown: lines.length, of: TOTAL });
  });

  it('shows all of them when they fit the default budget', async () => {
    const section = await promptMemorySection(roomy);
    expect(shown(section)).toEqual({ shown: TOTAL, of: TOTAL });
    expect(memoryLines(section)).toHaveLength(TOTAL);
  });
});
