import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpFixture } from '../support/http-server.js';
import { call, ok, textOf } from '../support/server-process.js';

// Over HTTP the URL (/mcp/<project>) is the only project a session reaches: no per-call `project`.

let fixture: HttpFixture;
let token: string;
beforeEach(async () => {
  fixture = new HttpFixture();
  token = fixture.addToken('alice');
  await fixture.start();
});
afterEach(async () => fixture.dispose());

describe('the URL project is the only project of a team server session', () => {
  it('offers no project argument on any tool', async () => {
    const { tools } = await (await fixture.client(token, 'shop')).listTools();

    expect(tools.length).toBeGreaterThan(5);
    for (const tool of tools) expect(Object.keys(tool.inputSchema.properties ?? {}), tool.name).not.toContain('project');
  });

  it('refuses a project argument sent anyway, naming it, and stores nothing anywhere', async () => {
    const client = await fixture.client(token, 'shop');
    const existing = join(fixture.root, 'elsewhere');
    mkdirSync(existing);

    const toExisting = await call(client, 'add_memory', { type: 'pattern', content: 'Partition the events table by day', project: existing });
    const toMissing = await call(client, 'add_memory', { type: 'pattern', content: 'Partition the events table by day', project: '/no/such/folder' });
    const toName = await call(client, 'read_memories', { project: 'shop' });

    for (const result of [toExisting, toMissing, toName]) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/- project is not taken by this team server: .*\/mcp\/shop/u);
      expect(textOf(result)).toContain('Nothing was stored or changed');
    }
    // The same answer whether the path exists on the server or not: nothing to probe with.
    expect(textOf(toExisting)).toBe(textOf(toMissing));
    expect((await ok(client, 'read_memories')).memories).toEqual([]);
    expect((await ok(client, 'memory_info')).counts.total).toBe(0);
  });

  it('lists only the URL project in memory_info, though others have stores', async () => {
    await ok(await fixture.client(token, 'warehouse'), 'add_memory', { type: 'pattern', content: 'Warehouse loads run at night' });
    const shop = await fixture.client(token, 'shop');
    await ok(shop, 'add_memory', { type: 'pattern', content: 'Shop orders land in Kafka first' });

    const info = await ok(shop, 'memory_info');

    expect(info.projects.map((store: { name?: string }) => store.name)).toEqual(['shop']);
    expect(info.project.name).toBe('shop');
  });

  it('reads a prompt project word as more of the task and refuses a path there', async () => {
    const client = await fixture.client(token, 'shop');
    await ok(client, 'add_memory', { type: 'guideline', content: 'Shop tables are partitioned by order date' });

    const prompt = await client.getPrompt({ name: 'data_engineer', arguments: { task: 'design', project: 'schema' } });
    const text = (prompt.messages[0]?.content as { text: string }).text;
    expect(text).toContain('Shop tables are partitioned by order date');
    expect(text).toContain('## Task\n\ndesign schema');
    const described = (await client.listPrompts()).prompts.find((listed) => listed.name === 'data_engineer');
    expect(described?.arguments?.find((argument) => argument.name === 'project')?.description).toMatch(/URL's, "shop"/u);

    await expect(client.getPrompt({ name: 'data_engineer', arguments: { project: join(fixture.root, 'elsewhere') } })).rejects.toThrow(
      /project is not taken by this team server/u,
    );
  });
});
