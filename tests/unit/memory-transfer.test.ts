import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractMemories } from '../../src/domain/extract-memories.js';
import type { MemoryService } from '../../src/domain/memory-service.js';
import { MEMORY_TYPES } from '../../src/domain/memory.js';
import { exportMemories, importMemories } from '../../src/domain/transfer-memories.js';
import { typeTitle } from '../../src/domain/titles.js';
import { RecallWorld } from '../support/recall-service.js';

// Export/import through the service, under the same
// validation and near-duplicate rules as add_memory.

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/recall', name), 'utf8');
// Assembled at runtime so this file does not trip repository secret scanners.
const PASSWORD = ['Tr0ub4dor', '&3x'].join('');

let worlds: RecallWorld[];
let service: MemoryService;
const fresh = () => {
  const world = new RecallWorld();
  worlds.push(world);
  return world.service();
};
beforeEach(() => {
  worlds = [];
  service = fresh();
});
afterEach(() => worlds.forEach((world) => world.dispose()));

const SEED = [
  { type: 'context', content: 'Warehouse is Snowflake; orchestration is Airflow 2.9' },
  { type: 'pattern', content: 'Make every load idempotent with MERGE on the natural key' },
  { type: 'mistake', content: 'NULL keys never match in joins; coalesce them first' },
  { type: 'pattern', content: 'Route poison messages to a dead letter queue' },
  { type: 'guideline', content: 'Retry a flaky test once, then quarantine it', agent: 'qa' },
];
const triples = async (target: MemoryService) =>
  (await target.snapshot()).data.memories.map((memory) => `${memory.agent}|${memory.type}|${memory.content}`).sort();

describe('export and import', () => {
  beforeEach(async () => {
    for (const memory of SEED) await service.add(memory);
  });

  it('exports markdown with one ## section per type in the seed order and "- content" lines', async () => {
    const { text, count } = await exportMemories(service, { format: 'markdown', agent: 'data_engineer' });

    expect(count).toBe(4);
    expect(text.split('\n')[0]).toBe('# Data Engineer Memory');
    const sections = text.split('\n').filter((line) => line.startsWith('## '));
    const seedOrder = MEMORY_TYPES.map((type) => `## ${typeTitle(type)}`).filter((heading) => sections.includes(heading));
    expect(sections).toEqual(seedOrder);
    expect(sections).toEqual(['## Pattern', '## Mistake', '## Context']);
    expect(text).toContain('\n- Route poison messages to a dead letter queue\n');
  });

  it.each(['markdown', 'json'] as const)('reproduces every (agent, type, content) in a fresh store from %s', async (format) => {
    const { text } = await exportMemories(service, { format });
    const target = fresh();

    const result = await importMemories(target, { text });

    expect(result.format).toBe(format);
    expect(result).toMatchObject({ duplicates: [], rejected: [] });
    expect(result.added).toHaveLength(SEED.length);
    expect(await triples(target)).toEqual(await triples(service));
  });

  it('keeps createdAt from a json export and skips the archive', async () => {
    const { memories } = (await service.snapshot()).data;
    await service.update({ id: memories[0]!.id, archived: true });
    const target = fresh();

    const result = await importMemories(target, { text: (await exportMemories(service, { format: 'json' })).text });

    expect(result.added).toHaveLength(SEED.length - 1);
    const byContent = new Map(memories.map((memory) => [memory.content, memory.createdAt]));
    for (const memory of result.added) expect(memory.createdAt).toBe(byContent.get(memory.content));
  });

  it('answers a repeated import with duplicates, near ones included', async () => {
    const again = await importMemories(service, { text: JSON.stringify([{ type: 'pattern', content: 'route poison message to a dead-letter queue.' }]) });
    expect(again).toMatchObject({ added: [], rejected: [] });
    expect(again.duplicates.map((memory) => memory.content)).toEqual(['Route poison messages to a dead letter queue']);
  });
});

describe('foreign formats', () => {
  it('maps a claude-mpm memory file onto our types and keeps its dates', async () => {
    const result = await importMemories(service, { text: fixture('data_engineer_memories.md') });

    expect(result.format).toBe('claude-mpm');
    expect(result.rejected).toEqual([]);
    const byContent = Object.fromEntries(result.added.map((memory) => [memory.content, memory]));
    expect(byContent['Finance closes the books on the third business day of the month']).toMatchObject({ agent: 'data_engineer', type: 'context', createdAt: '2025-08-06T00:00:00.000Z' });
    expect(byContent['Orders arrive late from the POS vendor on Mondays']?.createdAt).toBe('2025-08-08T09:15:00.000Z');
    expect(byContent['Incremental models filter on a watermark with a two hour lookback']?.type).toBe('pattern');
    expect(byContent['Staging models are views; marts are incremental tables']?.type).toBe('pattern');
    expect(byContent['COPY INTO skips files it loaded in the last 64 days unless FORCE is set']?.type).toBe('mistake');
    expect(byContent['Medallion layout: bronze raw, silver cleaned, gold marts']?.type).toBe('architecture');
    expect(byContent['Warehouse is Snowflake; orchestration is Airflow 2.9 on MWAA']?.type).toBe('context');
    expect(result.added).toHaveLength(7);
  });

  it('turns a server-memory graph into memories and refuses the bad lines with a reason', async () => {
    const result = await importMemories(service, { text: fixture('server-memory.jsonl') });

    expect(result.format).toBe('server-memory');
    expect(result.added.map((memory) => `${memory.type}|${memory.content}`).sort()).toEqual([
      'context|orders_pipeline loads into Snowflake',
      'context|orders_pipeline: Reads Postgres changes through Debezium',
      'context|orders_pipeline: Runs nightly at 02:00 UTC',
      'integration|Snowflake: An XS warehouse is enough for dbt CI runs',
    ]);
    expect(result.rejected.map((reject) => reject.reason)).toEqual([expect.stringMatching(/no observations/u), expect.stringMatching(/not valid JSON/u)]);
  });

  it('gives every refused item its reason and never echoes a secret', async () => {
    const text = JSON.stringify([
      { type: 'pattern', content: 'tiny' },
      { type: 'integration', content: `Staging DB_PASSWORD=${PASSWORD}` },
      { type: 'gossip', content: 'Data team lunch is on Fridays' },
      { type: 'gossip', content: `Old DB_PASSWORD=${PASSWORD} still works` },
      { type: 'pattern', content: 'Partition large tables by load date' },
    ]);

    const result = await importMemories(service, { text });

    expect(result.added.map((memory) => memory.content)).toEqual(['Partition large tables by load date']);
    expect(result.rejected.map((reject) => reject.reason)).toEqual([
      expect.stringMatching(/unknown type "gossip"/u),
      expect.stringMatching(/unknown type "gossip"/u),
      expect.stringMatching(/4 characters.*5-100/u),
      expect.stringMatching(/rule "credential-assignment"/u),
    ]);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });
});

describe('extract_memories', () => {
  it('lists a near-duplicate block under duplicates, not added', async () => {
    const { memory } = await service.add({ type: 'pattern', content: 'Use order lookups.' });
    const block = (content: string) => `# Add To Memory:\nType: pattern\nContent: ${content}\n#`;

    const result = await extractMemories(service, [block('use order lookup'), block('Postgres listens on port 5433')].join('\n\n'));

    expect(result.duplicates).toEqual([memory]);
    expect(result.added.map((added) => added.content)).toEqual(['Postgres listens on port 5433']);
  });

  it('does not echo a secret in a block refused for another reason', async () => {
    const result = await extractMemories(service, `# Add To Memory:\nType: gossip\nContent: DB_PASSWORD=${PASSWORD}\n#`);
    expect(result.rejected).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });
});
