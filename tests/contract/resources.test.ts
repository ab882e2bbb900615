import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, onTestFinished } from 'vitest';
import { SEED_AGENTS_DIR, contractServer, contractTest as it } from '../support/contract-server.js';
import { call } from '../support/server-process.js';
import { readText } from '../support/surface-client.js';

// agent:// and memory:// resources, their templates and completion.
const SEED = resolve(import.meta.dirname, '../../agents/data_engineer.md');

const AGENT_FILE = `---
name: data_quality
description: "Checks data quality"
---

# Data Quality Agent

Count the nulls.
`;

describe('resources', () => {
  it('lists agent:// and memory:// for the seed agent and offers both templates', async ({ server: { client } }) => {

    const { resources } = await client.listResources();
    expect(resources).toContainEqual(expect.objectContaining({ uri: 'agent://data_engineer', mimeType: 'text/markdown' }));
    expect(resources).toContainEqual(expect.objectContaining({ uri: 'memory://data_engineer', mimeType: 'text/markdown' }));

    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(expect.arrayContaining(['agent://{name}', 'memory://{agent}']));
  });

  it('reads agent://data_engineer as the seed file, byte for byte', async ({ server: { client } }) => {

    const { text, mimeType } = await readText(client, 'agent://data_engineer');

    expect(mimeType).toBe('text/markdown');
    expect(text).toBe(readFileSync(SEED, 'utf8'));
  });

  it('reads memory://data_engineer as markdown grouped by type after add_memory', async ({ server: { client } }) => {
    const added = await call(client, 'add_memory', { type: 'pattern', content: 'Partition fact tables by event date' });
    expect(added.isError).toBeFalsy();
    await call(client, 'add_memory', { type: 'guideline', content: 'Never SELECT * in production jobs' });

    const { text, mimeType } = await readText(client, 'memory://data_engineer');

    expect(mimeType).toBe('text/markdown');
    expect(text).toMatch(/^# Data Engineer Memory\n/u);
    expect(text).toContain('## Pattern\n\n- Partition fact tables by event date\n');
    expect(text).toContain('## Guideline\n\n- Never SELECT * in production jobs\n');
  });

  it('keeps another agent\'s memories out of memory://data_engineer', async ({ server: { client } }) => {
    await call(client, 'add_memory', { type: 'pattern', content: 'Owned by the seed agent' });
    await call(client, 'add_memory', { type: 'pattern', content: 'Owned by some other agent', agent: 'other_agent' });

    const { text } = await readText(client, 'memory://data_engineer');

    expect(text).toContain('- Owned by the seed agent');
    expect(text).not.toContain('Owned by some other agent');
  });

  it('completes the template variables from the loaded agents, including DATA_ENGINEER_AGENTS_DIR ones', async ({ server }) => {
    const agentsDir = join(server.root, 'agents');
    mkdirSync(agentsDir);
    writeFileSync(join(agentsDir, 'data_quality.md'), AGENT_FILE);
    const { client, close } = await contractServer({ agentDirs: [SEED_AGENTS_DIR, agentsDir] });
    onTestFinished(close);

    const agentNames = await client.complete({ ref: { type: 'ref/resource', uri: 'agent://{name}' }, argument: { name: 'name', value: 'data' } });
    expect(agentNames.completion.values).toEqual(expect.arrayContaining(['data_engineer', 'data_quality']));

    const memoryAgents = await client.complete({ ref: { type: 'ref/resource', uri: 'memory://{agent}' }, argument: { name: 'agent', value: 'data_q' } });
    expect(memoryAgents.completion.values).toEqual(['data_quality']);

    const none = await client.complete({ ref: { type: 'ref/resource', uri: 'agent://{name}' }, argument: { name: 'name', value: 'zzz' } });
    expect(none.completion.values).toEqual([]);

    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual(expect.arrayContaining(['agent://data_quality', 'memory://data_quality']));
  });
});
