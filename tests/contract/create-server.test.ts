import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';

// Contract tests: the server factory and an SDK client over a linked in-memory pair — the MCP
// surface without a process, so a failure here points at src/mcp rather than at start-up.

let client: Client;
useContractServer('test', (server) => ({ client } = server));

describe('createServer', () => {
  it('offers every tool, the agent prompt and both resource templates', async () => {
    const tools = (await client.listTools()).tools.map((tool) => tool.name).sort();
    expect(tools).toEqual(['add_memory', 'delete_memory', 'export_memories', 'extract_memories', 'import_memories', 'memory_info', 'read_memories', 'repair_store', 'update_memory']);
    expect((await client.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual(['data_engineer']);
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate);
    expect(templates.sort()).toEqual(['agent://{name}', 'memory://{agent}']);
    expect(client.getServerCapabilities()).toMatchObject({ logging: {}, resources: { subscribe: true } });
  });

  it('tells the agent, between its body and the project memory, which existing tools save and search memory', async () => {
    const prompt = await client.getPrompt({ name: 'data_engineer', arguments: { task: 'design a star schema' } });
    const content = prompt.messages[0]?.content;
    const text = content?.type === 'text' ? content.text : '';
    const howTo = text.slice(text.indexOf('## How memory works here'), text.indexOf('## Project memory'));
    expect(text.indexOf('# Add To Memory:')).toBeLessThan(text.indexOf('## How memory works here'));
    expect(howTo).toMatch(/`add_memory`[^\n]*agent: "data_engineer"/u);
    expect(howTo).toContain('`extract_memories`');
    expect(howTo).toMatch(/`read_memories`[^\n]*key terms plus their synonyms/u);
    const tools = new Set((await client.listTools()).tools.map((tool) => tool.name));
    const named = [...howTo.matchAll(/`([a-z]+_[a-z_]+)`/gu)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.filter((name) => !tools.has(name))).toEqual([]);
  });

  it('stores a memory and puts it into the prompt for the task', async () => {
    const added = await client.callTool({ name: 'add_memory', arguments: { type: 'performance', content: 'Partition events by day' } });
    expect(added.isError).toBeFalsy();
    const prompt = await client.getPrompt({ name: 'data_engineer', arguments: { task: 'speed up the events queries' } });
    const content = prompt.messages[0]?.content;
    expect(content?.type === 'text' && content.text).toContain('"Partition events by day"');
  });

  it('answers a bad argument with isError naming the field, and keeps serving', async () => {
    const refused = await client.callTool({ name: 'add_memory', arguments: { type: 'pattern', content: 'tiny' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/content is 4 characters after trimming; it must be 5-100/u);
    expect((await client.callTool({ name: 'memory_info', arguments: {} })).isError).toBeFalsy();
  });
});
