import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { useContractServer } from '../support/contract-server.js';

// Every tool carries a title and the full set of behaviour hints.
describe('tool titles and annotations', () => {
  let client: Client;
  let tools: Tool[];
  useContractServer('file', (server) => ({ client } = server));
  beforeAll(async () => {
    tools = (await client.listTools()).tools;
  });

  it('serves the memory tools', () => {
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['add_memory', 'read_memories', 'update_memory', 'delete_memory', 'memory_info']));
  });

  it('gives every tool a title and readOnly/destructive/idempotent hints with openWorldHint false', () => {
    const incomplete = tools
      .filter((tool) => {
        const hints = tool.annotations;
        return (
          !tool.title?.trim() ||
          typeof hints?.readOnlyHint !== 'boolean' ||
          typeof hints.destructiveHint !== 'boolean' ||
          typeof hints.idempotentHint !== 'boolean' ||
          hints.openWorldHint !== false
        );
      })
      .map((tool) => `${tool.name}: title=${JSON.stringify(tool.title)} annotations=${JSON.stringify(tool.annotations)}`);
    expect(incomplete).toEqual([]);
  });

  it('marks read-only tools as never destructive and delete_memory as destructive', () => {
    const contradictory = tools.filter((tool) => tool.annotations?.readOnlyHint && tool.annotations.destructiveHint).map((tool) => tool.name);
    expect(contradictory).toEqual([]);
    const byName = new Map(tools.map((tool) => [tool.name, tool.annotations]));
    expect(byName.get('read_memories')).toMatchObject({ readOnlyHint: true });
    expect(byName.get('memory_info')).toMatchObject({ readOnlyHint: true });
    expect(byName.get('add_memory')).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(byName.get('delete_memory')).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });
});
