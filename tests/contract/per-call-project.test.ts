import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';
import { call, textOf } from '../support/server-process.js';

// A `project` argument targets another project's store for one call.
const contents = (result: { structuredContent?: any }) => (result.structuredContent.memories as Array<{ content: string }>).map((memory) => memory.content);

async function promptText(client: Client, args: Record<string, string>): Promise<string> {
  const content = (await client.getPrompt({ name: 'data_engineer', arguments: args })).messages[0]?.content;
  if (content?.type !== 'text') throw new Error(`prompt message is not text: ${JSON.stringify(content)}`);
  return content.text;
}

describe('per-call project', () => {
  let root: string;
  let home: string;
  let projA: string;
  let projB: string;
  let client: Client;
  useContractServer('test', (server) => {
    ({ client, root } = server);
    home = server.project.root;
    projA = join(root, 'projects', 'alpha');
    projB = join(root, 'projects', 'beta');
    for (const dir of [projA, projB]) mkdirSync(dir, { recursive: true });
  });

  it('keeps memories written to one project out of another and out of the current one', async () => {
    const added = await call(client, 'add_memory', { type: 'pattern', content: 'Alpha partitions by tenant', project: projA });
    expect(added.isError).toBeFalsy();

    expect(contents(await call(client, 'read_memories', { project: projA }))).toEqual(['Alpha partitions by tenant']);
    expect(contents(await call(client, 'read_memories', { project: projB }))).toEqual([]);
    expect(contents(await call(client, 'read_memories'))).toEqual([]);
  });

  it('puts the named project\'s memories into the prompt', async () => {
    await call(client, 'add_memory', { type: 'guideline', content: 'Alpha forbids cross joins', project: projA });
    await call(client, 'add_memory', { type: 'guideline', content: 'Beta tolerates cross joins', project: projB });

    const forA = await promptText(client, { project: projA, task: 'tune a query' });
    expect(forA).toContain('Alpha forbids cross joins');
    expect(forA).not.toContain('Beta tolerates cross joins');
    const forB = await promptText(client, { project: projB });
    expect(forB).toContain('Beta tolerates cross joins');
    expect(forB).not.toContain('Alpha forbids cross joins');
  });

  it('lists in memory_info the projects that have stores, with name, root and count', async () => {
    await call(client, 'add_memory', { type: 'pattern', content: 'Alpha stores invoices in Parquet', project: projA });
    await call(client, 'add_memory', { type: 'pattern', content: 'Alpha schedules loads with Airflow', project: projA });
    await call(client, 'add_memory', { type: 'pattern', content: 'Home keeps raw events for ninety days' });

    const { projects } = (await call(client, 'memory_info')).structuredContent as { projects: Array<{ name?: string; root?: string; count?: number }> };

    expect(projects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'alpha', root: projA, count: 2 }),
        expect.objectContaining({ name: 'shop', root: home, count: 1 }),
      ]),
    );
    expect(projects.map((project) => project.root)).not.toContain(projB);
  });

  it('refuses a relative project path, naming the argument and asking for an absolute path', async () => {
    const result = await call(client, 'add_memory', { type: 'pattern', content: 'Never stored anywhere', project: 'foo/bar' });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/project/u);
    expect(textOf(result)).toMatch(/absolute/u);
    expect((await call(client, 'memory_info')).structuredContent.projects).toEqual([]);
  });

  it('refuses an absolute path that does not exist', async () => {
    const missing = join(root, 'no-such-project');

    for (const [tool, args] of [
      ['add_memory', { type: 'pattern', content: 'Never stored anywhere' }],
      ['read_memories', {}],
      ['memory_info', {}],
    ] as const) {
      const result = await call(client, tool, { ...args, project: missing });
      expect(result.isError, tool).toBe(true);
      expect(textOf(result), tool).toContain(missing);
    }
  });

  it('offers an optional project argument on every tool and on the prompt', async () => {
    const { tools } = await client.listTools();
    const without = tools.filter((tool) => !tool.inputSchema.properties?.project || tool.inputSchema.required?.includes('project')).map((tool) => tool.name);
    expect(without).toEqual([]);

    const prompt = (await client.listPrompts()).prompts.find((candidate) => candidate.name === 'data_engineer');
    expect(prompt?.arguments).toContainEqual(expect.objectContaining({ name: 'project', required: false }));
  });

  it('refuses a relative project path in the prompt with the same advice', async () => {
    await expect(client.getPrompt({ name: 'data_engineer', arguments: { project: 'foo/bar' } })).rejects.toThrow(/project "foo\/bar" is not an absolute path/u);
  });
});
