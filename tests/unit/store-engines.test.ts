import { describe, expect } from 'vitest';
import { listMemories } from '../../src/domain/memory-query.js';
import { ENGINES, storeTest } from '../support/store-engines.js';

// One behaviour suite, run against every engine: what the service promises must not depend on
// where the memories are kept. "Two servers" are two engines on the same store, as two
// processes (or two machines) would have.

describe.each(ENGINES)('the %s engine', (kind) => {
  const it = storeTest(kind);

  it('keeps what was added for the next server that opens the store', async ({ world }) => {
    const { service } = world.server();
    const added = await service.add({ type: 'pattern', content: 'Partition the orders table by month' });
    await service.add({ type: 'mistake', content: 'Loading without a staging table locked the warehouse' });

    const { data } = await world.server().service.snapshot();
    expect(data.memories.map((memory) => memory.content)).toEqual(['Partition the orders table by month', 'Loading without a staging table locked the warehouse']);
    expect(data.memories[0]).toEqual(added.memory);
  });

  it('stores a twin once, whichever server says it second', async ({ world }) => {
    const a = world.server().service;
    const b = world.server().service;
    const first = await a.add({ type: 'pattern', content: 'Deduplicate events on their natural key' });
    const again = await b.add({ type: 'pattern', content: 'deduplicate events on their natural key.' });

    expect(again).toMatchObject({ created: false, memory: { id: first.memory.id } });
    expect((await a.snapshot()).data.memories).toHaveLength(1);
  });

  it('shows each server the updates and deletes of another, newest change last', async ({ world }) => {
    const a = world.server().service;
    const b = world.server().service;
    const kept = await a.add({ type: 'context', content: 'Warehouse runs on a nightly schedule' });
    const gone = await a.add({ type: 'context', content: 'Old staging bucket still exists somewhere' });
    const third = await a.add({ type: 'context', content: 'Dashboards refresh every fifteen minutes' });
    expect((await b.snapshot()).data.memories).toHaveLength(3);

    await a.update({ id: kept.memory.id, content: 'Warehouse runs on an hourly schedule now' });
    await a.remove(gone.memory.id);

    const { data, indexes } = await b.snapshot();
    expect(data.memories.map((memory) => memory.content)).toEqual(['Dashboards refresh every fifteen minutes', 'Warehouse runs on an hourly schedule now']);
    // Its lookups followed too: the old wording is free again, the new one is a twin.
    expect(indexes.byId.has(gone.memory.id)).toBe(false);
    expect((await b.add({ type: 'context', content: 'Warehouse runs on an hourly schedule now' })).created).toBe(false);
    expect((await b.add({ type: 'context', content: 'Old staging bucket still exists somewhere' })).created).toBe(true);
    expect((await listMemories(b, {})).memories.map((memory) => memory.id)).toContain(third.memory.id);
  });

  it('archives the least recently changed past the cap, counting what every server added', async ({ world }) => {
    const a = world.server({ maxActivePerAgent: 3 }).service;
    const b = world.server({ maxActivePerAgent: 3 }).service;
    const oldest = await a.add({ type: 'pattern', content: 'First learning about the ingest jobs' });
    await b.add({ type: 'pattern', content: 'Second learning about dbt model tests' });
    await a.add({ type: 'pattern', content: 'Third learning about the Kafka topics' });
    await b.add({ type: 'pattern', content: 'Fourth learning about Airflow retries' });

    const { data } = await a.snapshot();
    expect(data.memories.filter((memory) => memory.archivedAt === undefined)).toHaveLength(3);
    expect(data.memories.filter((memory) => memory.archivedAt !== undefined).map((memory) => memory.id)).toEqual([oldest.memory.id]);
    expect((await b.snapshot()).data.memories).toEqual(data.memories);
  });

  it('keeps every add and doubles none when two servers add 25 each at once, 5 of them the same', async ({ world }) => {
    const servers = [world.server().service, world.server().service];
    const results = await Promise.all(
      servers.flatMap((service, s) =>
        Array.from({ length: 25 }, (_, i) => service.add({ type: 'performance', content: i < 5 ? `Shared finding number ${i} about query plans` : `Finding s${s}n${i} about vacuum` })),
      ),
    );

    const { data } = await world.server().service.snapshot();
    expect(data.memories).toHaveLength(5 + 2 * 20);
    expect(new Set(data.memories.map((memory) => memory.content)).size).toBe(45);
    expect(results.filter((result) => result.created)).toHaveLength(45);
  });

  it('stores a batch in one commit and reports the twins in it', async ({ world }) => {
    const { service } = world.server();
    const drafts = ['Batch learning one about the CDC feed', 'Batch learning two about late events', 'batch learning one about the cdc feed'].map((content) => ({ type: 'pattern' as const, content, agent: 'data_engineer' }));
    const { added, duplicates } = await service.addDrafts(drafts);

    expect(added).toHaveLength(2);
    expect(duplicates.map((memory) => memory.id)).toEqual([added[0]!.id]);
    expect((await world.server().service.snapshot()).data.memories).toHaveLength(2);
  });

  it('tells a watcher about a change another server made', async ({ world }) => {
    const watcher = world.server();
    await watcher.service.ready();
    let calls = 0;
    const stop = watcher.service.watch(
      () => calls++,
      (error) => {
        throw error;
      },
    );
    try {
      // The PostgreSQL feed starts listening in the background; a first change may precede it.
      const writer = world.server().service;
      for (let i = 0; i < 50 && calls === 0; i++) {
        await writer.add({ type: 'context', content: `A change the watcher should hear about ${i}` });
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(calls).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });

  it('lists the projects with memories in the store', async ({ world }) => {
    const { engine, service } = world.server();
    await service.add({ type: 'context', content: 'Something worth listing in the catalogue' });
    const listed = await engine.list();
    expect(listed).toEqual([expect.objectContaining({ key: world.project.key, name: world.project.name, count: 1 })]);
  });
});
