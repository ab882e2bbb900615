import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpFixture } from '../support/http-server.js';
import { ok, textOf } from '../support/server-process.js';

// A memory written through a token carries the token's name as its author.

let fixture: HttpFixture;
beforeEach(() => {
  fixture = new HttpFixture();
});
afterEach(async () => fixture.dispose());

describe('authors on the team server', () => {
  it('records the token name on add, extract and import, and shows it in reads and JSON exports', async () => {
    const alice = fixture.addToken('alice');
    const bob = fixture.addToken('bob');
    await fixture.start();
    const asAlice = await fixture.client(alice, 'shop');
    const asBob = await fixture.client(bob, 'shop');

    expect((await ok(asAlice, 'add_memory', { type: 'pattern', content: 'Partition the events table by day' })).memory.author).toBe('alice');
    const extracted = await ok(asBob, 'extract_memories', { text: '# Add To Memory:\nType: mistake\nContent: Never truncate the staging table during a load\n#' });
    expect(extracted.added.map((memory: { author: string }) => memory.author)).toEqual(['bob']);
    const imported = await ok(asBob, 'import_memories', { text: JSON.stringify([{ type: 'context', content: 'Finance closes the books on the 3rd' }]) });
    expect(imported.added.map((memory: { author: string }) => memory.author)).toEqual(['bob']);

    const read = await asAlice.callTool({ name: 'read_memories', arguments: {} });
    expect(textOf(read as never)).toMatch(/Partition the events table by day \(id [^,]+, data_engineer, by alice,/);
    expect(textOf(read as never)).toMatch(/Never truncate the staging table during a load \(id [^,]+, data_engineer, by bob,/);
    const exported = JSON.parse((await ok(asAlice, 'export_memories', { format: 'json' })).text);
    expect(exported.memories.map((memory: { author: string }) => memory.author).sort()).toEqual(['alice', 'bob', 'bob']);
  });

  it('keeps the first author when another token updates the memory', async () => {
    const alice = fixture.addToken('alice');
    const bob = fixture.addToken('bob');
    await fixture.start();
    const { memory } = await ok(await fixture.client(alice, 'shop'), 'add_memory', { type: 'pattern', content: 'Load dimensions before facts' });
    const updated = await ok(await fixture.client(bob, 'shop'), 'update_memory', { id: memory.id, type: 'guideline' });
    expect(updated.memory.author).toBe('alice');
  });

  it('writes no author on an open loopback server', async () => {
    await fixture.start({ tokensFile: undefined });
    const { memory } = await ok(await fixture.client(undefined, 'shop'), 'add_memory', { type: 'pattern', content: 'Load dimensions before facts' });
    expect(memory.author).toBeUndefined();
  });
});
