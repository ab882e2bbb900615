import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, startServer, tempDir } from '../support/server-process.js';

const root = tempDir('dem-prompt-args-');
let server: Started;

beforeAll(async () => {
  server = await startServer({ env: { DATA_ENGINEER_PROJECT: root, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory') } });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const promptText = async (args: Record<string, string>) => {
  const result = await server.client.getPrompt({ name: 'data_engineer', arguments: args });
  const content = result.messages[0]?.content;
  return content?.type === 'text' ? content.text : '';
};

describe('prompt arguments as Claude Code sends them', () => {
  it('reads a word-split task (task "design", project "a star schema") as one task on the current project', async () => {
    const text = await promptText({ task: 'design', project: 'a star schema' });
    expect(text.trimEnd().endsWith('## Task\n\ndesign a star schema')).toBe(true);
  });

  it('answers a path-like but relative project with invalid params naming the field, not an internal error', async () => {
    const refusal = await server.client.getPrompt({ name: 'data_engineer', arguments: { project: 'foo/bar' } }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(McpError);
    expect((refusal as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((refusal as McpError).message).toMatch(/project "foo\/bar" is not an absolute path/u);
  });
});

describe('memory:// for an agent nobody knows', () => {
  it('is an error naming the agent, not an empty document', async () => {
    await expect(server.client.readResource({ uri: 'memory://nobody' })).rejects.toThrow(/No agent named "nobody"/u);
    const known = await server.client.readResource({ uri: 'memory://data_engineer' });
    expect(known.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
  });
});
