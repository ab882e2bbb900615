import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractMemories } from '../../src/domain/extract-memories.js';
import { listMemories } from '../../src/domain/memory-query.js';
import { importMemories } from '../../src/domain/transfer-memories.js';
import type { MemoryService } from '../../src/domain/memory-service.js';
import { RecallWorld } from '../support/recall-service.js';

// In the service: the near-duplicate check on insert and update,
// and the per-agent cap that archives the least recently changed instead of deleting.

let world: RecallWorld;
afterEach(() => world.dispose());

describe('near-duplicates on insert', () => {
  let service: MemoryService;
  beforeEach(() => {
    world = new RecallWorld();
    service = world.service();
  });

  it('returns the twin for the same words in another case, number or punctuation', async () => {
    const first = await service.add({ type: 'pattern', content: 'Use order lookups.' });
    const again = await service.add({ type: 'pattern', content: 'use order lookup' });

    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, memory: first.memory, similarity: expect.any(Number) });
    expect(again.similarity).toBeGreaterThanOrEqual(0.8);
    expect(world.onDisk()).toHaveLength(1);
  });

  it('gives similarity 1 for an exact repeat and a fraction for a near one', async () => {
    const first = await service.add({ type: 'guideline', content: 'Validate source schemas before the nightly load' });
    expect((await service.add({ type: 'guideline', content: ' VALIDATE source schemas  before the nightly load ' })).similarity).toBe(1);

    const near = await service.add({ type: 'guideline', content: 'Always validate the source schema before the nightly load' });
    expect(near).toMatchObject({ created: false, memory: { id: first.memory.id } });
    expect(near.similarity).toBeGreaterThanOrEqual(0.8);
    expect(near.similarity).toBeLessThan(1);
  });

  it('keeps two memories that differ only in a number', async () => {
    const a = await service.add({ type: 'integration', content: 'Postgres replica listens on port 5432' });
    const b = await service.add({ type: 'integration', content: 'Postgres replica listens on port 5433' });

    expect([a.created, b.created]).toEqual([true, true]);
    expect(world.onDisk().map((memory) => memory.content)).toEqual([a.memory.content, b.memory.content]);
  });

  it('compares within one agent only', async () => {
    await service.add({ type: 'pattern', content: 'Use order lookups.' });
    const other = await service.add({ type: 'pattern', content: 'use order lookup', agent: 'qa' });
    expect(other.created).toBe(true);
  });

  it('refuses an update that would make a memory the twin of another', async () => {
    await service.add({ type: 'pattern', content: 'Use order lookups.' });
    const { memory } = await service.add({ type: 'pattern', content: 'Cache customer lookups per run' });

    await expect(service.update({ id: memory.id, content: 'use order lookup' })).rejects.toThrow(/says the same as memory/u);
    await expect(service.update({ id: memory.id, content: 'Cache customer lookups per batch run' })).resolves.toBeDefined();
  });

  it('still holds content to 5-100 characters', async () => {
    await expect(service.add({ type: 'pattern', content: ' abcd ' })).rejects.toThrow(/4 characters.*5-100/u);
    await expect(service.add({ type: 'pattern', content: 'x'.repeat(101) })).rejects.toThrow(/101 characters.*5-100/u);
    await expect(service.add({ type: 'pattern', content: 'x'.repeat(100) })).resolves.toMatchObject({ created: true });
  });
});

describe('per-agent cap without loss', () => {
  let service: MemoryService;
  const add = (n: number, agent = 'data_engineer') =>
    service.add({ type: 'context', content: `Source system ${n} loads into schema raw_${n}`, agent });

  beforeEach(() => {
    world = new RecallWorld();
    service = world.service({ maxActivePerAgent: 5 });
  });

  it('archives the oldest past the cap and deletes nothing', async () => {
    for (let n = 1; n <= 8; n++) await add(n);

    const active = await listMemories(service, {});
    const archive = await listMemories(service, { archived: true });
    expect(active.total).toBe(5);
    expect(active.memories.map((memory) => memory.content)).toEqual([8, 7, 6, 5, 4].map((n) => `Source system ${n} loads into schema raw_${n}`));
    expect(archive.memories.map((memory) => memory.content).sort()).toEqual([1, 2, 3].map((n) => `Source system ${n} loads into schema raw_${n}`));
    expect(archive.memories.every((memory) => memory.archivedAt !== undefined)).toBe(true);
    expect(world.onDisk()).toHaveLength(8);
    expect(await service.countsByType()).toMatchObject({ total: 5, archived: 3 });
  });

  it('restores an archived memory and archives the next-oldest in its place', async () => {
    const added = [];
    for (let n = 1; n <= 8; n++) added.push((await add(n)).memory);

    const { memory } = await service.update({ id: added[0]!.id, archived: false });

    expect(memory.archivedAt).toBeUndefined();
    const active = await listMemories(service, {});
    expect(active.total).toBe(5);
    expect(active.memories[0]!.id).toBe(added[0]!.id);
    const archived = (await listMemories(service, { archived: true })).memories.map((found) => found.id);
    expect(archived.sort()).toEqual([added[1]!.id, added[2]!.id, added[3]!.id].sort());
    expect(world.onDisk()).toHaveLength(8);
  });

  it('counts each agent on its own', async () => {
    for (let n = 1; n <= 3; n++) await add(n, 'qa');
    for (let n = 1; n <= 8; n++) await add(n);

    expect((await listMemories(service, { agent: 'qa' })).total).toBe(3);
    expect((await listMemories(service, { agent: 'qa', archived: true })).total).toBe(0);
    expect((await listMemories(service, { agent: 'data_engineer' })).total).toBe(5);
  });

  it('brings an archived memory back to active when the same fact is learned again', async () => {
    const { memory } = await add(1);
    await service.update({ id: memory.id, archived: true });
    expect((await listMemories(service, {})).total).toBe(0);

    const again = await add(1);

    expect(again).toMatchObject({ created: false, restored: true, similarity: 1, memory: { id: memory.id } });
    expect(again.memory.archivedAt).toBeUndefined();
    expect((await listMemories(service, {})).memories.map((found) => found.id)).toEqual([memory.id]);
    expect(world.onDisk()).toEqual([again.memory]);
  });

  it('brings back a near-duplicate from the archive and archives the oldest active one in its place', async () => {
    const first = (await add(1)).memory;
    for (let n = 2; n <= 6; n++) await add(n);
    expect((await listMemories(service, { archived: true })).memories.map((found) => found.id)).toEqual([first.id]);

    const again = await service.add({ type: 'context', content: 'Source system 1 always loads into schema raw_1' });

    expect(again).toMatchObject({ created: false, restored: true, memory: { id: first.id } });
    expect(again.similarity).toBeLessThan(1);
    expect((await listMemories(service, {})).memories[0]!.id).toBe(first.id);
    const archive = (await listMemories(service, { archived: true })).memories.map((found) => found.content);
    expect(archive).toEqual(['Source system 2 loads into schema raw_2']);
    expect(world.onDisk()).toHaveLength(6);
  });

  it('lists memories an extract learned again as restored, not as already stored', async () => {
    const { memory } = await add(1);
    await service.update({ id: memory.id, archived: true });
    const block = (n: number) => `# Add To Memory:\nType: context\nContent: Source system ${n} loads into schema raw_${n}\n#`;

    const result = await extractMemories(service, [1, 1, 2].map(block).join('\n'));

    expect(result.restored.map((found) => found.id)).toEqual([memory.id]);
    expect(result.duplicates.map((found) => found.id)).toEqual([memory.id]);
    expect(result.added).toHaveLength(1);
    expect(world.onDisk().filter((found) => found.archivedAt !== undefined)).toEqual([]);
  });

  it('reports as restored only what is still active once a batch past the cap is archived again', async () => {
    const { memory } = await add(1);
    await service.update({ id: memory.id, archived: true });
    const block = (n: number) => `# Add To Memory:\nType: context\nContent: Source system ${n} loads into schema raw_${n}\n#`;

    const result = await extractMemories(service, [1, 2, 3, 4, 5, 6, 7].map(block).join('\n'));

    expect(result.restored).toEqual([]);
    expect(result.duplicates.map((found) => found.id)).toEqual([memory.id]);
    expect((await listMemories(service, {})).total).toBe(5);
  });

  it('leaves an archived memory archived when an import holds the same record', async () => {
    const { memory } = await add(1);
    await service.update({ id: memory.id, archived: true });

    const result = await importMemories(service, { text: JSON.stringify([{ type: 'context', content: 'Source system 1 loads into schema raw_1' }]) });

    expect(result).toMatchObject({ added: [], restored: [], duplicates: [{ id: memory.id }] });
    expect((await listMemories(service, {})).total).toBe(0);
  });

  it('archives the same oldest memories after one bulk import as after adds one at a time', async () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ type: 'context', content: `Source system ${n} loads into schema raw_${n}` }));
    const qa = [1, 2].map((n) => ({ type: 'context', content: `Source system ${n} loads into schema raw_${n}`, agent: 'qa' }));

    const result = await importMemories(service, { text: JSON.stringify([...items, ...qa]) });

    expect(result.added).toHaveLength(10);
    const archive = await listMemories(service, { archived: true });
    expect(archive.memories.map((memory) => memory.content).sort()).toEqual(items.slice(0, 3).map((item) => item.content));
    expect((await listMemories(service, { agent: 'data_engineer' })).total).toBe(5);
    expect((await listMemories(service, { agent: 'qa' })).total).toBe(2);
    expect(world.onDisk()).toHaveLength(10);
  });

  it('keeps the cap when another service on the same file added memories', async () => {
    const other = world.service({ maxActivePerAgent: 5 });
    for (let n = 1; n <= 4; n++) await add(n);
    for (let n = 5; n <= 7; n++) await other.add({ type: 'context', content: `Source system ${n} loads into schema raw_${n}` });

    expect((await listMemories(service, {})).total).toBe(5);
    await add(9);
    expect((await listMemories(service, {})).total).toBe(5);
    expect((await listMemories(other, { archived: true })).total).toBe(3);
  });
});
