import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Started, call, startServer, tempDir } from '../support/server-process.js';

const root = tempDir('dem-newer-');
let server: Started | undefined;

afterEach(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('memory_info on a store written by a newer server', () => {
  it('counts what it can read and says the store is read-only here', async () => {
    server = await startServer({ env: { DATA_ENGINEER_PROJECT: root, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory') } });
    const { storePath } = (await call(server.client, 'memory_info')).structuredContent;
    mkdirSync(dirname(storePath), { recursive: true });
    const at = '2026-01-01T00:00:00.000Z';
    writeFileSync(
      storePath,
      JSON.stringify({ schemaVersion: 3, memories: [{ id: 'm1', agent: 'data_engineer', type: 'pattern', content: 'Partition by event date', createdAt: at, updatedAt: at }] }),
    );
    const info = await call(server.client, 'memory_info');
    expect(info.isError).toBeFalsy();
    expect(info.structuredContent.counts.total).toBe(1);
    expect(info.structuredContent.problem).toMatch(/newer data-engineer-mcp/u);
  });
});
