import { rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { PromptListChangedNotificationSchema, ResourceListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../support/sandbox.js';
import { readText, record } from '../support/surface-client.js';
import { waitFor } from '../support/wait-for.js';

// Agent files added, changed or removed while the server runs.
const agentFile = (description: string) => `---
name: qa_tester
description: "${description}"
---

# QA Tester Agent

Break it before the users do.
`;

const promptNamed = async (client: Client, name: string) => (await client.listPrompts()).prompts.find((prompt) => prompt.name === name);

describe('agent hot reload over stdio', () => {
  let sandbox: Sandbox;
  let agentsDir: string;
  beforeEach(() => {
    sandbox = new Sandbox();
    agentsDir = sandbox.dir('agents');
  });
  afterEach(async () => sandbox.dispose());

  it('serves an agent file added to any DATA_ENGINEER_AGENTS_DIR folder as a prompt and a resource, and says so', async () => {
    // Two folders, written to the second: every listed folder is watched, not just the first.
    const folders = [sandbox.dir('team-agents'), agentsDir].join(delimiter);
    const { client } = await sandbox.startWith({ env: { DATA_ENGINEER_PROJECT: sandbox.dir('shop'), DATA_ENGINEER_AGENTS_DIR: folders } });
    expect(await promptNamed(client, 'qa_tester')).toBeUndefined();
    const promptChanges = record(client, PromptListChangedNotificationSchema);
    const resourceChanges = record(client, ResourceListChangedNotificationSchema);

    writeFileSync(join(agentsDir, 'qa_tester.md'), agentFile('Tests the pipelines'));

    await waitFor('notifications/prompts/list_changed', () => promptChanges.length > 0);
    await waitFor('notifications/resources/list_changed', () => resourceChanges.length > 0);
    expect(await promptNamed(client, 'qa_tester')).toMatchObject({ description: 'Tests the pipelines' });
    const uris = (await client.listResources()).resources.map((resource) => resource.uri);
    expect(uris).toEqual(expect.arrayContaining(['agent://qa_tester', 'memory://qa_tester']));
    expect((await readText(client, 'agent://qa_tester')).text).toBe(agentFile('Tests the pipelines'));
    const completion = await client.complete({ ref: { type: 'ref/resource', uri: 'agent://{name}' }, argument: { name: 'name', value: 'qa' } });
    expect(completion.completion.values).toEqual(['qa_tester']);
  });

  it('shows an edited description and drops a deleted agent without a restart', async () => {
    writeFileSync(join(agentsDir, 'qa_tester.md'), agentFile('First description'));
    const { client } = await sandbox.startWith({ env: { DATA_ENGINEER_PROJECT: sandbox.dir('shop'), DATA_ENGINEER_AGENTS_DIR: agentsDir } });
    expect(await promptNamed(client, 'qa_tester')).toMatchObject({ description: 'First description' });
    const promptChanges = record(client, PromptListChangedNotificationSchema);

    writeFileSync(join(agentsDir, 'qa_tester.md'), agentFile('Second description'));
    await waitFor('the new description in prompts/list', async () => (await promptNamed(client, 'qa_tester'))?.description === 'Second description');
    expect(promptChanges.length).toBeGreaterThan(0);
    const edited = await client.getPrompt({ name: 'qa_tester', arguments: {} });
    expect(edited.messages[0]!.content).toMatchObject({ type: 'text', text: expect.stringContaining('Break it before the users do.') });

    rmSync(join(agentsDir, 'qa_tester.md'));
    await waitFor('qa_tester to leave prompts/list', async () => (await promptNamed(client, 'qa_tester')) === undefined);
    const uris = (await client.listResources()).resources.map((resource) => resource.uri);
    expect(uris).not.toContain('agent://qa_tester');
    expect(uris).toContain('agent://data_engineer');
    expect(await promptNamed(client, 'data_engineer')).toBeDefined();
  });
});
