import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryBlock } from '../support/prompt-text.js';
import { useContractServer } from '../support/contract-server.js';
import { call, ok, textOf } from '../support/server-process.js';
import { storedMemories } from '../support/store-files.js';

// A memory that says nearly the same as one the agent already has
// is not stored again — add_memory answers created:false with the twin, extract_memories and
// import_memories list it under duplicates — while a differing number keeps two memories.

let client: Client;
let lookups: { id: string; content: string };

useContractServer('file', (server) => ({ client } = server));
beforeAll(async () => {
  // Listing first makes the SDK client check every structuredContent against the tool's outputSchema.
  await client.listTools();
  ({ memory: lookups } = await ok(client, 'add_memory', { type: 'pattern', content: 'Use order lookups.' }));
});

describe('add_memory', () => {
  it('answers "use order lookup" with created:false, the twin and its similarity', async () => {
    const result = await call(client, 'add_memory', { type: 'pattern', content: 'use order lookup' });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ created: false, memory: lookups, similarity: expect.any(Number) });
    expect(result.structuredContent.similarity).toBeGreaterThanOrEqual(0.8);
    expect(result.structuredContent.similarity).toBeLessThanOrEqual(1);
    expect(textOf(result)).toContain(lookups.id);
  });

  it('keeps "port 5432" and "port 5433" as two memories', async () => {
    const a = await ok(client, 'add_memory', { type: 'integration', content: 'Postgres replica listens on port 5432' });
    const b = await ok(client, 'add_memory', { type: 'integration', content: 'Postgres replica listens on port 5433' });

    expect([a.created, b.created]).toEqual([true, true]);
    expect(a.memory.id).not.toBe(b.memory.id);
  });

  it('stores the same words again for another agent', async () => {
    const other = await ok(client, 'add_memory', { type: 'pattern', content: 'use order lookup', agent: 'sql_reviewer' });
    expect(other.created).toBe(true);
  });
});

describe('extract_memories', () => {
  it('lists a near-duplicate block under duplicates and stores the rest', async () => {
    const text = [
      'Done. Two things worth keeping:',
      memoryBlock('pattern', 'USE ORDER LOOKUPS'),
      memoryBlock('integration', 'Redshift listens on port 5439'),
    ].join('\n\n');

    const result = await ok(client, 'extract_memories', { text });

    expect(result.duplicates).toEqual([lookups]);
    expect(result.added.map((memory: { content: string }) => memory.content)).toEqual(['Redshift listens on port 5439']);
    expect(result.rejected).toEqual([]);
  });
});

describe('import_memories', () => {
  it('lists near-duplicates under duplicates, including ones within the same import', async () => {
    const text = JSON.stringify([
      { type: 'pattern', content: 'use order-lookup' },
      { type: 'guideline', content: 'Partition large tables by load date' },
      { type: 'guideline', content: 'partition large table by load date.' },
      { type: 'integration', content: 'Postgres replica listens on port 5434' },
    ]);

    const result = await ok(client, 'import_memories', { text });

    expect(result.added.map((memory: { content: string }) => memory.content)).toEqual([
      'Partition large tables by load date',
      'Postgres replica listens on port 5434',
    ]);
    expect(result.duplicates.map((memory: { id: string }) => memory.id)).toEqual([lookups.id, result.added[0].id]);
    expect(result.rejected).toEqual([]);
  });

  it('has stored each learning once', async () => {
    const mine = (await storedMemories(client)).filter((memory) => memory.agent === 'data_engineer');
    expect(mine.map((memory) => memory.content).sort()).toEqual(
      [
        'Partition large tables by load date',
        'Postgres replica listens on port 5432',
        'Postgres replica listens on port 5433',
        'Postgres replica listens on port 5434',
        'Redshift listens on port 5439',
        'Use order lookups.',
      ].sort(),
    );
  });
});
