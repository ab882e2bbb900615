import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractServer, contractServer } from '../support/contract-server.js';
import { memoryBlock } from '../support/prompt-text.js';
import { ok } from '../support/server-process.js';
import { storedMemories } from '../support/store-files.js';

// extract_memories and import_memories take 10,000 blocks in one call (that such replies stay
// within the stdio client's buffer: tests/e2e/reply-size.test.ts). Counts only: how fast is for `npm run bench`, never for a test on a shared machine.

const COUNT = 10_000;
const TYPES = ['pattern', 'performance', 'integration', 'mistake'] as const;
/** Distinct learnings: each names its own table and source number, so none is a near-duplicate of another. */
const learning = (n: number) => ({ type: TYPES[n % TYPES.length]!, content: `Table t${n} in schema s${n % 97} loads nightly from source ${n}` });

let server: ContractServer;
let client: Client;

beforeAll(async () => {
  server = await contractServer();
  client = server.client;
});
afterAll(() => server.close());

describe('10,000 blocks in one call', () => {
  it('extract_memories adds all of them, and the default cap archives all but 1,000 without loss', async () => {
    const text = Array.from({ length: COUNT }, (_, n) => memoryBlock(learning(n).type, learning(n).content)).join('\n\n');

    const result = await ok(client, 'extract_memories', { text });

    expect(result.counts).toEqual({ added: COUNT, restored: 0, duplicates: 0, rejected: 0 });
    expect(result.added).toHaveLength(100);
    expect((await ok(client, 'read_memories', { limit: 1 })).total).toBe(1_000);
    expect((await ok(client, 'read_memories', { archived: true, limit: 1 })).total).toBe(COUNT - 1_000);
    expect(await storedMemories(client)).toHaveLength(COUNT);
  });

  it('import_memories adds all of them to another project, and a repeat adds none', async () => {
    const project = join(server.root, 'bulk-import');
    mkdirSync(project);
    const text = JSON.stringify(Array.from({ length: COUNT }, (_, n) => learning(n)));

    const first = await ok(client, 'import_memories', { text, project, format: 'auto' });
    expect(first.format).toBe('json');
    expect(first.counts).toMatchObject({ added: COUNT, rejected: 0 });

    const again = await ok(client, 'import_memories', { text, project });
    expect(again.counts).toMatchObject({ added: 0, duplicates: COUNT });
  });
});
