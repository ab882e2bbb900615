import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ListRootsRequestSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../support/sandbox.js';
import { call } from '../support/server-process.js';
import { readText, record } from '../support/surface-client.js';
import { waitFor } from '../support/wait-for.js';

// resources/subscribe on memory://<agent>, fed by a watch on the store file.
const SEED_URI = 'memory://data_engineer';

describe('memory resource subscriptions over stdio', () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeEach(() => {
    sandbox = new Sandbox();
    // Both processes of a test share the project and the memory folder, so they share a store.
    env = { DATA_ENGINEER_PROJECT: sandbox.dir('projects', 'shop') };
  });
  afterEach(async () => sandbox.dispose());

  const updatesFor = (seen: Array<{ params: { uri: string } }>, uri: string) => seen.filter((note) => note.params.uri === uri).length;

  it('advertises resources.subscribe', async () => {
    const { client } = await sandbox.startWith({ env });
    expect(client.getServerCapabilities()?.resources?.subscribe).toBe(true);
  });

  it('notifies a subscriber of memory://data_engineer after add_memory', async () => {
    const { client } = await sandbox.startWith({ env });
    const updates = record(client, ResourceUpdatedNotificationSchema);
    await client.subscribeResource({ uri: SEED_URI });

    await call(client, 'add_memory', { type: 'pattern', content: 'Load dimensions before facts' });

    await waitFor(`notifications/resources/updated for ${SEED_URI}`, () => updatesFor(updates, SEED_URI) > 0);
    expect(updates.every((note) => note.params.uri === SEED_URI)).toBe(true);
  });

  it('notifies a subscriber when a second server process writes to the same store', async () => {
    const watcher = await sandbox.startWith({ env });
    const writer = await sandbox.startWith({ env });
    const updates = record(watcher.client, ResourceUpdatedNotificationSchema);
    await watcher.client.subscribeResource({ uri: SEED_URI });

    const added = await call(writer.client, 'add_memory', { type: 'architecture', content: 'Bronze, silver and gold layers in the lake' });
    expect(added.isError).toBeFalsy();

    await waitFor(`an update for ${SEED_URI} caused by the other process`, () => updatesFor(updates, SEED_URI) > 0);
    const { text } = await readText(watcher.client, SEED_URI);
    expect(text).toContain('- Bronze, silver and gold layers in the lake');
  });

  it('sends nothing more for a uri after unsubscribe', async () => {
    const { client } = await sandbox.startWith({ env });
    const updates = record(client, ResourceUpdatedNotificationSchema);
    // A second subscription acts as a barrier: a change notification for it proves the server has
    // handled the writes before it, so the absence of one for SEED_URI is not just "not yet".
    const markerUri = 'memory://marker_agent';
    await client.subscribeResource({ uri: SEED_URI });
    await client.subscribeResource({ uri: markerUri });
    await call(client, 'add_memory', { type: 'pattern', content: 'Seen while subscribed' });
    await waitFor(`the first update for ${SEED_URI}`, () => updatesFor(updates, SEED_URI) > 0);

    await client.unsubscribeResource({ uri: SEED_URI });
    const before = updatesFor(updates, SEED_URI);
    await call(client, 'add_memory', { type: 'pattern', content: 'Written after unsubscribing' });
    await call(client, 'add_memory', { type: 'pattern', content: 'Marks the end of the burst', agent: 'marker_agent' });
    await waitFor(`the barrier update for ${markerUri}`, () => updatesFor(updates, markerUri) > 0);

    expect(updatesFor(updates, SEED_URI)).toBe(before);
  });

  it('follows the store of the new project when the client\'s roots move', async () => {
    const projA = sandbox.dir('projects', 'alpha');
    const projB = sandbox.dir('projects', 'beta');
    let root = projA;
    const client = new Client({ name: 'roots-client', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
    client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: pathToFileURL(root).href }] }));
    const updates = record(client, ResourceUpdatedNotificationSchema);
    await sandbox.startWith({ client });
    await client.subscribeResource({ uri: SEED_URI });
    root = projB;
    await client.sendRootsListChanged();
    await waitFor('the server to move to the new root', async () => (await call(client, 'memory_info')).structuredContent.project.root === projB);
    await waitFor('the update sent for the switch itself', () => updatesFor(updates, SEED_URI) > 0);

    const writer = await sandbox.startWith({ env: { DATA_ENGINEER_PROJECT: projB } });
    const seen = updatesFor(updates, SEED_URI);
    await call(writer.client, 'add_memory', { type: 'pattern', content: 'Written into the new project' });

    await waitFor(`an update for ${SEED_URI} from the new project's store`, () => updatesFor(updates, SEED_URI) > seen);
    const { text } = await readText(client, SEED_URI);
    expect(text).toContain('- Written into the new project');
  });
});
