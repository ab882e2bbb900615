import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';

/** The one user message of a prompts/get answer. */
export async function promptText(client: Client, args: Record<string, string> = {}): Promise<string> {
  const prompt = await client.getPrompt({ name: 'data_engineer', arguments: args });
  const content = prompt.messages[0]?.content;
  if (content?.type !== 'text') throw new Error(`prompt message is not text: ${JSON.stringify(content)}`);
  return content.text;
}

/** The "## Project memory" section of the data_engineer prompt, up to the task. */
export async function promptMemorySection(client: Client, args: Record<string, string> = {}): Promise<string> {
  const text = await promptText(client, args);
  const start = text.lastIndexOf('## Project memory');
  const end = text.indexOf('\n\n## Task\n', start);
  expect(start, 'prompt has a memory section').toBeGreaterThan(0);
  return text.slice(start, end === -1 ? undefined : end);
}

/** "# Add To Memory:" blocks as the seed teaches an agent to write them. */
export const memoryBlock = (type: string, content: string): string => `# Add To Memory:\nType: ${type}\nContent: ${content}\n#`;
