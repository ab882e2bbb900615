import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect } from 'vitest';
import { contractTest as it } from '../support/contract-server.js';
import { call } from '../support/server-process.js';

describe('memory_info on a store written by a newer server', () => {
  it('counts what it can read and says the store is read-only here', async ({ server }) => {
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
