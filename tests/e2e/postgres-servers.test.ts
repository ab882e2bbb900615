import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterPassword, freshDatabase, query } from '../support/postgres.js';
import { Sandbox } from '../support/sandbox.js';
import { call, textOf } from '../support/server-process.js';
import { record } from '../support/surface-client.js';
import { waitFor } from '../support/wait-for.js';

// Several server processes sharing one project through PostgreSQL (--store postgres://…), as a
// team's machines would: what only real processes show (concurrency, notifications). kill -9
// during writes: reliability-kill-during-writes.test.ts, for both engines.

let sandbox: Sandbox;
let url: string;
let projectDir: string;

beforeEach(async () => {
  sandbox = new Sandbox();
  url = await freshDatabase();
  projectDir = sandbox.project('warehouse');
});
afterEach(async () => sandbox.dispose());

const startServers = (count: number, env: Record<string, string> = {}): Promise<Client[]> =>
  Promise.all(Array.from({ length: count }, async () => (await sandbox.start(projectDir, { DATA_ENGINEER_STORE: url, ...env })).client));

const storedContents = async (): Promise<string[]> => (await query<{ content: string }>(url, 'SELECT content FROM data_engineer.memories ORDER BY content')).map((row) => row.content);

describe('servers sharing a PostgreSQL store', () => {
  it('keeps all adds and doubles none when 8 servers each add 25 at once, 5 of them the same everywhere', async () => {
    const servers = await startServers(8);
    const results = await Promise.all(
      servers.flatMap((client, s) =>
        Array.from({ length: 25 }, (_, i) => call(client, 'add_memory', { type: 'pattern', content: i < 5 ? `Shared rule ${i} every engineer learned` : `Finding s${s}n${i} of a server under load` })),
      ),
    );

    expect(results.filter((result) => result.isError).map(textOf)).toEqual([]);
    const stored = await storedContents();
    expect(stored).toHaveLength(5 + 8 * 20);
    expect(new Set(stored).size).toBe(stored.length);
    expect(results.filter((result) => result.structuredContent.created)).toHaveLength(165);
    const total = await call(servers[5]!, 'read_memories', { limit: 1 });
    expect(total.structuredContent.total).toBe(165);
  });

  it('notifies a memory:// subscriber of one server when another server adds', async () => {
    const [watcher, writer] = await startServers(2);
    const updates = record(watcher!, ResourceUpdatedNotificationSchema);
    await watcher!.subscribeResource({ uri: 'memory://data_engineer' });

    const added = await call(writer!, 'add_memory', { type: 'architecture', content: 'Bronze, silver and gold layers in the lake' });
    expect(added.isError, textOf(added)).toBeFalsy();

    await waitFor('an update for memory://data_engineer caused by the other server', () => updates.length > 0);
    const { contents } = await watcher!.readResource({ uri: 'memory://data_engineer' });
    expect(JSON.stringify(contents)).toContain('Bronze, silver and gold layers in the lake');
  });

  it('names the store without its password in memory_info, the log and every error', async () => {
    const password = clusterPassword();
    const good = await sandbox.start(projectDir, { DATA_ENGINEER_STORE: url, DATA_ENGINEER_LOG_LEVEL: 'debug' });
    const info = await call(good.client, 'memory_info');
    expect(info.structuredContent).toMatchObject({ engine: 'postgres' });
    expect(info.structuredContent.storePath).toContain('127.0.0.1');

    const wrong = new URL(url);
    wrong.password = `${password}-wrong`;
    const bad = await sandbox.start(projectDir, { DATA_ENGINEER_STORE: wrong.toString() });
    const failed = await call(bad.client, 'add_memory', { type: 'context', content: 'cannot be stored with a wrong password' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/PostgreSQL store postgres:\/\/postgres@127\.0\.0\.1:\d+\/t_/u);

    for (const text of [JSON.stringify(info), textOf(failed), good.stderr(), bad.stderr()]) expect(text).not.toContain(password);
  });
});
