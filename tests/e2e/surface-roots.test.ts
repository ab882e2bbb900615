import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ListRootsRequestSchema, ResourceListChangedNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../support/sandbox.js';
import { call } from '../support/server-process.js';
import { record } from '../support/surface-client.js';
import { waitFor } from '../support/wait-for.js';

// Which project the server uses (roots, env, working folder), and what chose it.
/** A client that implements roots/list and answers with whatever folder `roots.current` names. */
function rootsClient(first: string) {
  const roots = { current: first };
  const client = new Client({ name: 'roots-client', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: pathToFileURL(roots.current).href, name: 'workspace' }] }));
  return { client, roots };
}

async function info(client: Client, args: Record<string, unknown> = {}) {
  const result = await call(client, 'memory_info', args);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as { project: { root: string; name: string }; source: string; counts: { total: number } };
}

describe('project choice over stdio', () => {
  let sandbox: Sandbox;
  let projA: string;
  let projB: string;
  let claudeDir: string;
  beforeEach(() => {
    sandbox = new Sandbox();
    projA = sandbox.dir('projects', 'alpha');
    projB = sandbox.dir('projects', 'beta');
    claudeDir = sandbox.dir('projects', 'claude');
  });
  afterEach(async () => sandbox.dispose());

  it('uses the client\'s first root over CLAUDE_PROJECT_DIR and follows roots/list_changed', async () => {
    const { client, roots } = rootsClient(projA);
    await sandbox.startWith({ client, env: { CLAUDE_PROJECT_DIR: claudeDir } });
    const listChanges = record(client, ResourceListChangedNotificationSchema);
    const updates = record(client, ResourceUpdatedNotificationSchema);

    // Polled because the roots/list round trip races the first call on a busy machine.
    await waitFor('memory_info to report the first root', async () => (await info(client)).project.root === projA);
    expect(await info(client)).toMatchObject({ project: { root: projA, name: 'alpha' }, source: 'roots' });
    await client.subscribeResource({ uri: 'memory://data_engineer' });
    // The start-up switch to the first root sent one already, before memory_info answered.
    const listChangesBefore = listChanges.length;

    roots.current = projB;
    await client.sendRootsListChanged();
    await waitFor('memory_info to report the new root', async () => (await info(client)).project.root === projB);
    expect((await info(client)).source).toBe('roots');
    await waitFor('resources/list_changed after the project switched', () => listChanges.length > listChangesBefore);
    await waitFor('resources/updated for the subscribed memory after the switch', () => updates.length > 0);

    const added = await call(client, 'add_memory', { type: 'pattern', content: 'Stored after the roots moved' });
    expect(added.isError).toBeFalsy();
    expect((await info(client)).counts.total).toBe(1);
    expect((await info(client, { project: projA })).counts.total).toBe(0);
    const inB = await call(client, 'read_memories', { project: projB });
    expect(inB.structuredContent.memories.map((memory: { content: string }) => memory.content)).toEqual(['Stored after the roots moved']);
  });

  it('ignores the client\'s roots when DATA_ENGINEER_PROJECT is set', async () => {
    const { client } = rootsClient(projA);
    await sandbox.startWith({ client, env: { DATA_ENGINEER_PROJECT: projB, CLAUDE_PROJECT_DIR: claudeDir } });

    expect(await info(client)).toMatchObject({ project: { root: projB }, source: 'env' });
  });

  it('uses CLAUDE_PROJECT_DIR when the client has no roots', async () => {
    const { client } = await sandbox.startWith({ env: { CLAUDE_PROJECT_DIR: claudeDir }, cwd: projA });

    expect(await info(client)).toMatchObject({ project: { root: claudeDir }, source: 'claude-project-dir' });
  });

  it('falls back to the working directory without roots or CLAUDE_PROJECT_DIR', async () => {
    const { client } = await sandbox.startWith({ cwd: projA });

    expect(await info(client)).toMatchObject({ project: { root: projA }, source: 'cwd' });
  });
});
