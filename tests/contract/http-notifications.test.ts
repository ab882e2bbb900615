import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceListChangedNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpFixture } from '../support/http-server.js';
import { ok } from '../support/server-process.js';
import { readText, record } from '../support/surface-client.js';
import { waitFor } from '../support/wait-for.js';

// Server-to-client messages of the team server: they travel on each session's SSE stream.

const SEED_URI = 'memory://data_engineer';
let fixture: HttpFixture;
let token: string;

beforeEach(async () => {
  fixture = new HttpFixture();
  token = fixture.addToken('alice');
  await fixture.start();
});
afterEach(async () => fixture.dispose());

describe('notifications over the SSE stream', () => {
  it('tells a subscriber of memory://data_engineer of a write made through another session', async () => {
    const watcher = await fixture.client(token, 'shop');
    const writer = await fixture.client(token, 'shop');
    const updates = record(watcher, ResourceUpdatedNotificationSchema);
    await watcher.subscribeResource({ uri: SEED_URI });

    await ok(writer, 'add_memory', { type: 'architecture', content: 'Bronze, silver and gold layers in the lake' });

    await waitFor(`notifications/resources/updated for ${SEED_URI}`, () => updates.some((note) => note.params.uri === SEED_URI));
    expect((await readText(watcher, SEED_URI)).text).toContain('Bronze, silver and gold layers in the lake');
  });

  it('does not tell a subscriber of one project about a write to another', async () => {
    const watcher = await fixture.client(token, 'shop');
    const writer = await fixture.client(token, 'billing');
    const updates = record(watcher, ResourceUpdatedNotificationSchema);
    await watcher.subscribeResource({ uri: SEED_URI });
    await watcher.subscribeResource({ uri: 'memory://marker_agent' });

    await ok(writer, 'add_memory', { type: 'pattern', content: 'Invoices are immutable once sent' });
    // A write to the watched project afterwards is the barrier: its update proves the other came first.
    await ok(watcher, 'add_memory', { type: 'pattern', content: 'Marks the end of the burst', agent: 'marker_agent' });
    await waitFor('the barrier update', () => updates.some((note) => note.params.uri === 'memory://marker_agent'));
    expect(updates.filter((note) => note.params.uri === SEED_URI)).toEqual([]);
    expect((await ok(writer, 'read_memories')).total).toBe(1);
    expect((await ok(watcher, 'read_memories', { agent: 'data_engineer' })).total).toBe(0);
  });

  it('sends resources/list_changed to every open session when an agent file is added', async () => {
    const first = await fixture.client(token, 'shop');
    const second = await fixture.client(token, 'billing');
    const changes = [record(first, ResourceListChangedNotificationSchema), record(second, ResourceListChangedNotificationSchema)];

    writeFileSync(join(fixture.agentsDir, 'qa_tester.md'), '---\nname: qa_tester\ndescription: "Tests the pipelines"\n---\n\n# QA Tester\n');

    await waitFor('list_changed on both sessions', () => changes.every((seen) => seen.length > 0));
    const uris = (await second.listResources()).resources.map((resource) => resource.uri);
    expect(uris).toContain('agent://qa_tester');
  });
});
