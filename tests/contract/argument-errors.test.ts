import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';
import { textOf } from '../support/server-process.js';

let client: Client;
useContractServer('file', (server) => ({ client } = server));

const refusal = async (name: string, args: Record<string, unknown>) => {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError).toBe(true);
  const text = textOf(result as never);
  expect(text).not.toMatch(/MCP error|Input validation error/u);
  expect(text).toMatch(new RegExp(`^${name} was not run[\\s\\S]*Nothing was stored or changed; call ${name} again`, 'u'));
  return text;
};

describe('tool arguments that do not fit the schema', () => {
  it.each([
    ['add_memory', {}, ['type is required; it must be one of pattern', 'content is required; it must be a string']],
    ['update_memory', {}, ['id is required']],
    ['delete_memory', {}, ['id is required']],
    ['extract_memories', {}, ['text is required']],
    ['export_memories', {}, ['format is required; it must be "markdown" or "json"']],
    ['import_memories', {}, ['text is required']],
  ])('%s without its required fields answers isError saying each is required', async (name, args, expected) => {
    const text = await refusal(name, args);
    for (const line of expected) expect(text).toContain(`- ${line}`);
  });

  it('names the field, the rule and the value given', async () => {
    expect(await refusal('add_memory', { type: 'loud', content: 'Partition by day' })).toContain(
      '- type must be one of pattern, architecture, guideline, mistake, strategy, integration, performance, context; pick the closest kind of learning (given: "loud")',
    );
    expect(await refusal('read_memories', { limit: 'x' })).toContain('- limit must be a whole number from 1 to 200 (given: "x")');
    expect(await refusal('read_memories', { archived: 'yes' })).toContain('- archived must be a boolean (given: "yes")');
    expect(await refusal('memory_info', { project: 42 })).toContain('- project must be a string (given: 42)');
  });

  it('withholds a value that looks like a secret', async () => {
    const key = `sk-ant-api03-${'a1B2c3D4e5'.repeat(5)}`;
    const text = await refusal('add_memory', { type: key, content: 'Partition by day' });
    expect(text).toContain('(given: withheld: it looks like a secret)');
    expect(text).not.toContain(key);
  });

  it('stores nothing when refused', async () => {
    await refusal('add_memory', { type: 'loud', content: 'Partition the events table by day' });
    const read = await client.callTool({ name: 'read_memories', arguments: {} });
    expect((read.structuredContent as { total: number }).total).toBe(0);
  });

  it('accepts type in any case and spacing, and still lists it as required with its values', async () => {
    const added = await client.callTool({ name: 'add_memory', arguments: { type: ' Performance', content: 'Partition the events table by day' } });
    expect(added.isError).toBeFalsy();
    expect((added.structuredContent as { memory: { type: string } }).memory.type).toBe('performance');
    const tool = (await client.listTools()).tools.find((each) => each.name === 'add_memory')!;
    expect(tool.inputSchema.required).toEqual(['type', 'content']);
    expect(tool.inputSchema.properties?.type).toMatchObject({ type: 'string', enum: expect.arrayContaining(['performance']) });
  });
});

describe('protocol errors', () => {
  it.each(['memory://nobody', 'agent://nobody'])('answers resources/read of unknown %s with -32002, resource not found', async (uri) => {
    const error = await client.readResource({ uri }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32002);
    expect((error as McpError).message).toMatch(/^MCP error -32002: No agent named "nobody"/u);
    expect((error as McpError).data).toEqual({ uri });
  });

  it('answers an unknown prompt with one "MCP error -32602:" prefix, not two', async () => {
    const error = await client.getPrompt({ name: 'nosuch' }).catch((caught: unknown) => caught);
    expect((error as McpError).message).toBe('MCP error -32602: Prompt nosuch not found');
  });
});
