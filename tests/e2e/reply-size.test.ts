import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../support/sandbox.js';
import { call, ok, textOf } from '../support/server-process.js';

// The SDK's stdio client drops the connection on a message past 10 MiB. Every bulk reply is
// bounded well under that, the connection survives, and the reply still says what was written.
// Data is made in memory; 20,000 items keep this quick while an unbounded reply would already
// be megabytes (each listed memory is ~250 bytes, sent twice).

const BOUND = 2 * 1024 * 1024;
const replySize = (result: unknown): number => Buffer.byteLength(JSON.stringify(result));

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = new Sandbox();
  client = await sandbox.startClient(sandbox.project('big'), { DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: '100000' });
});
afterAll(() => sandbox.dispose());

describe('replies stay small whatever the input', () => {
  it('extract of 20,000 blocks lists the first 100 and counts all of them', async () => {
    const text = Array.from({ length: 20_000 }, (_, n) => `# Add To Memory:\nType: context\nContent: Table t${n} loads from source system s${n}\n#`).join('\n');

    const result = await call(client, 'extract_memories', { text });

    expect(replySize(result)).toBeLessThan(BOUND);
    expect(result.structuredContent.counts).toEqual({ added: 20_000, restored: 0, duplicates: 0, rejected: 0 });
    expect(result.structuredContent.added).toHaveLength(100);
    expect(textOf(result)).toMatch(/^Added 20000, already stored 0, rejected 0\./u);
  });

  it('import of 30,000 refused lines answers with a bounded reply and a count', async () => {
    const text = `# Data Engineer Memory\n## Pattern\n${Array.from({ length: 30_000 }, (_, n) => `not a bullet ${n} ${'x'.repeat(60)}`).join('\n')}\n`;

    const result = await call(client, 'import_memories', { text, format: 'markdown', project: sandbox.project('refused') });

    expect(replySize(result)).toBeLessThan(BOUND);
    expect(result.structuredContent.counts.rejected).toBe(30_000);
    expect(result.structuredContent.rejected).toHaveLength(100);
  });

  it('JSON export pages 2,000 memories at a time, each page importable, and the connection survives', async () => {
    const first = await call(client, 'export_memories', { format: 'json' });

    expect(replySize(first)).toBeLessThan(BOUND);
    expect(first.structuredContent).toMatchObject({ count: 2_000, total: 20_000, nextOffset: 2_000 });
    expect(textOf(first)).toContain('offset 2000');
    const page = JSON.parse(first.structuredContent.text);
    expect(page.memories).toHaveLength(2_000);

    const last = await call(client, 'export_memories', { format: 'json', offset: 18_000 });
    expect(last.structuredContent).toMatchObject({ count: 2_000, total: 20_000 });
    expect(last.structuredContent.nextOffset).toBeUndefined();
    expect((await ok(client, 'read_memories', { limit: 1 })).total).toBe(20_000);
  });
});
