import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { listMemories } from '../../src/domain/memory-query.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { tempDir } from '../support/server-process.js';
import { RecallWorld, relevance } from '../support/recall-service.js';

// read_memories' query goes through the service's cached MemoryIndex,
// with the type/agent/archived filters and the cursor, and the index follows the file.

let world: RecallWorld;
let service: MemoryService;

beforeEach(async () => {
  world = new RecallWorld();
  service = world.service();
  for (const memory of relevance.memories) await service.add(memory);
});
afterEach(() => world.dispose());

const contents = (page: { memories: Array<{ content: string }> }) => page.memories.map((memory) => memory.content);

describe('ranked query', () => {
  it.each(relevance.queries)('ranks the best answer to "$query" first ($shows)', async ({ query, best }) => {
    const page = await listMemories(service, { query });
    expect(contents(page)[0]).toBe(best);
  });

  it('keeps the type and agent filters with a query', async () => {
    const performance = await listMemories(service, { query: 'orders table', type: 'performance' });
    expect(performance.memories.length).toBeGreaterThan(0);
    expect(performance.memories.every((memory) => memory.type === 'performance')).toBe(true);
    expect(contents(performance)[0]).toBe('Cluster the orders table by customer_id; most lookups filter on it');

    const qa = await listMemories(service, { query: 'partition events table', agent: 'qa' });
    expect(contents(qa)).toEqual(['Tests that read the events table in parallel deadlocked on its partition lock']);
    const everyone = await listMemories(service, { query: 'partition events table' });
    expect(everyone.total).toBeGreaterThan(qa.total);
  });

  it('pages through a ranked result without overlap or gaps, and refuses a cursor from another query', async () => {
    const whole = await listMemories(service, { query: 'table', limit: 200 });
    expect(whole.total).toBeGreaterThan(5);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMemories(service, { query: 'table', limit: 2, cursor });
      expect(page.total).toBe(whole.total);
      seen.push(...page.memories.map((memory) => memory.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);

    expect(seen).toEqual(whole.memories.map((memory) => memory.id));
    const first = await listMemories(service, { query: 'table', limit: 2 });
    await expect(listMemories(service, { query: 'tables', cursor: first.nextCursor })).rejects.toThrow(/cursor is not one this search issued/u);
  });

  it('finds an archived memory only when asked for the archive', async () => {
    const { memories } = await listMemories(service, { query: 'dead letter queue' });
    await service.update({ id: memories[0]!.id, archived: true });

    expect(contents(await listMemories(service, { query: 'dead letter queue' }))).not.toContain(memories[0]!.content);
    const archive = await listMemories(service, { query: 'dead letter queue', archived: true });
    expect(contents(archive)).toEqual([memories[0]!.content]);
    expect(archive.memories[0]!.archivedAt).toEqual(expect.any(String));
  });
});

describe('the index follows the store file', () => {
  it('sees adds, edits and deletes made through another service on the same file', async () => {
    const other = world.service();
    expect((await listMemories(service, { query: 'kafka consumer lag' })).memories[0]?.content).not.toMatch(/consumer lag/u);

    const { memory } = await other.add({ type: 'performance', content: 'Alert when Kafka consumer lag passes 10k messages' });
    expect(contents(await listMemories(service, { query: 'kafka consumer lag' }))[0]).toBe(memory.content);

    await other.update({ id: memory.id, content: 'Alert when Kinesis iterator age passes five minutes' });
    expect(contents(await listMemories(service, { query: 'consumer lag' }))).not.toContain(memory.content);
    expect(contents(await listMemories(service, { query: 'kinesis iterator age' }))[0]).toBe('Alert when Kinesis iterator age passes five minutes');

    await other.remove(memory.id);
    const after = await listMemories(service, { query: 'kinesis iterator age' });
    expect(after.memories.map((found) => found.id)).not.toContain(memory.id);
  });

  it('sees its own writes without another read of the file', async () => {
    const { memory } = await service.add({ type: 'context', content: 'Mondrian cubes read from the gold schema only' });
    expect((await listMemories(service, { query: 'mondrian cubes' })).memories[0]?.id).toBe(memory.id);
    await service.remove(memory.id);
    expect((await listMemories(service, { query: 'mondrian cubes' })).total).toBe(0);
  });
});

describe('searching active memories and the archive apart', () => {
  it('moves a memory between the two searches when the cap archives it and when it is restored', async () => {
    const dir = tempDir('dem-split-');
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const service = new MemoryService(new MemoryStore(join(dir, 'p-00000000.json')), { maxActivePerAgent: 2 });
    const oldest = (await service.add({ type: 'performance', content: 'Vacuum the events table weekly' })).memory;
    await service.add({ type: 'pattern', content: 'Upsert orders by natural key' });
    await service.add({ type: 'context', content: 'Warehouse runs on BigQuery' });
    const ids = async (archived: boolean) => (await listMemories(service, { query: 'vacuum events', archived })).memories.map((m) => m.id);

    expect(await ids(false)).not.toContain(oldest.id);
    expect(await ids(true)).toEqual([oldest.id]);

    await service.update({ id: oldest.id, archived: false });
    expect(await ids(false)).toEqual([oldest.id]);
    expect(await ids(true)).toEqual([]);
  });
});

describe('several phrasings fused into one ranking', () => {
  it('finds what either phrasing finds and ranks first what both find', async () => {
    const spark = (await service.add({ type: 'performance', content: 'Spark executor memoryOverhead raised to 2g for the sessionization job' })).memory;
    const pandas = (await service.add({ type: 'mistake', content: 'The pandas loader held the whole 8 GB file in RAM; read it in chunks' })).memory;

    const page = await listMemories(service, { query: 'sessionization executor memoryOverhead', queries: ['loader whole file RAM chunks'] });
    const ids = page.memories.map((memory) => memory.id);

    expect(ids.slice(0, 2).sort()).toEqual([spark.id, pandas.id].sort());
    const both = await listMemories(service, { query: 'sessionization executor memoryOverhead', queries: ['sessionization job 2g', 'loader whole file RAM chunks'] });
    expect(both.memories[0]?.id).toBe(spark.id);
  });

  it('pages through the fused ranking without skipping or repeating, with a cursor bound to the phrasings', async () => {
    const filter = { query: 'partition table', queries: ['events orders'], limit: 2 };
    const whole = (await listMemories(service, { ...filter, limit: 200 })).memories.map((memory) => memory.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMemories(service, { ...filter, ...(cursor ? { cursor } : {}) });
      seen.push(...page.memories.map((memory) => memory.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole);

    const first = await listMemories(service, filter);
    await expect(listMemories(service, { ...filter, queries: ['other words'], cursor: first.nextCursor })).rejects.toThrow(/cursor/u);
  });

  it('reads one phrasing given twice, or only in queries, as that one query', async () => {
    const single = await listMemories(service, { query: 'dead letter queue' });
    expect(await listMemories(service, { query: 'dead letter queue', queries: [' dead letter queue '] })).toEqual(single);
    expect(await listMemories(service, { queries: ['dead letter queue'] })).toEqual(single);
  });
});
