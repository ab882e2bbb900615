import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';

// Prompt and resource arguments as clients send them: what is read as the task, what is refused.

let client: Client;
useContractServer('file', (server) => ({ client } = server));

const promptText = async (args: Record<string, string>) => {
  const result = await client.getPrompt({ name: 'data_engineer', arguments: args });
  const content = result.messages[0]?.content;
  return content?.type === 'text' ? content.text : '';
};

describe('prompt arguments as Claude Code sends them', () => {
  it('reads a word-split task (task "design", project "a star schema") as one task on the current project', async () => {
    const text = await promptText({ task: 'design', project: 'a star schema' });
    expect(text.trimEnd().endsWith('## Task\n\ndesign a star schema')).toBe(true);
  });

  it('answers a path-like but relative project with invalid params naming the field, not an internal error', async () => {
    const refusal = await client.getPrompt({ name: 'data_engineer', arguments: { project: 'foo/bar' } }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(McpError);
    expect((refusal as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((refusal as McpError).message).toMatch(/project "foo\/bar" is not an absolute path/u);
  });
});

describe('memory:// for an agent nobody knows', () => {
  it('is an error naming the agent, not an empty document', async () => {
    await expect(client.readResource({ uri: 'memory://nobody' })).rejects.toThrow(/No agent named "nobody"/u);
    const known = await client.readResource({ uri: 'memory://data_engineer' });
    expect(known.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
  });
});
