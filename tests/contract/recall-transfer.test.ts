import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_TYPES } from '../../src/domain/memory.js';
import { typeTitle } from '../../src/domain/titles.js';
import { type ContractServer, contractServer } from '../support/contract-server.js';
import { call, ok, textOf } from '../support/server-process.js';

// export_memories / import_memories as text, through the same
// validation as add_memory; our markdown and json round-trip; claude-mpm memory files and the
// server-memory JSONL graph import with the format detected; every reject has a reason.

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/recall', name), 'utf8');
// Assembled at runtime so this file does not trip repository secret scanners.
const PASSWORD = ['Tr0ub4dor', '&3x'].join('');

const SEED = [
  { type: 'context', content: 'Warehouse is Snowflake; orchestration is Airflow 2.9' },
  { type: 'pattern', content: 'Make every load idempotent with MERGE on the natural key' },
  { type: 'mistake', content: 'NULL keys never match in joins; coalesce them first' },
  { type: 'performance', content: 'Cluster the orders table by customer_id' },
  { type: 'pattern', content: '# Headings in content stay content: - and # too' },
  { type: 'guideline', content: 'Retry a flaky test once, then quarantine it', agent: 'qa' },
];

let server: ContractServer;
let client: Client;
/** A new, empty project folder, for the `project` argument of one call. */
const fresh = (name: string): string => {
  const dir = join(server.root, 'projects', name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

beforeAll(async () => {
  server = await contractServer();
  client = server.client;
  for (const memory of SEED) await ok(client, 'add_memory', memory);
});
afterAll(() => server.close());

/** (agent, type, content) of every active memory in a project, sorted. */
async function triples(project?: string): Promise<string[]> {
  const page = await ok(client, 'read_memories', { limit: 200, ...(project && { project }) });
  return page.memories.map((memory: { agent: string; type: string; content: string }) => `${memory.agent}|${memory.type}|${memory.content}`).sort();
}

describe('export_memories', () => {
  it('writes markdown with "# Data Engineer Memory", ## sections in the seed type order and "- content" lines', async () => {
    const { text, count } = await ok(client, 'export_memories', { format: 'markdown', agent: 'data_engineer' });

    expect(count).toBe(5);
    const lines = text.split('\n');
    expect(lines[0]).toBe('# Data Engineer Memory');
    const sections = lines.filter((line: string) => line.startsWith('## '));
    expect(sections).toEqual(MEMORY_TYPES.map((type) => `## ${typeTitle(type)}`).filter((heading) => sections.includes(heading)));
    expect(sections).toEqual(['## Pattern', '## Mistake', '## Performance', '## Context']);
    for (const memory of SEED.slice(0, 5)) expect(lines).toContain(`- ${memory.content}`);
  });

  it.each(['markdown', 'json'] as const)('%s imports into a fresh project as the same (agent, type, content) set', async (format) => {
    const { text } = await ok(client, 'export_memories', { format });
    const project = fresh(`copy-${format}`);

    const result = await ok(client, 'import_memories', { text, project });

    expect(result.format).toBe(format);
    expect(result.added).toHaveLength(SEED.length);
    expect(result.rejected).toEqual([]);
    expect(await triples(project)).toEqual(await triples());
  });
});

describe('import_memories of other formats', () => {
  it('maps a claude-mpm memory file onto our types and keeps its dates', async () => {
    const project = fresh('from-claude-mpm');
    const result = await ok(client, 'import_memories', { text: fixture('data_engineer_memories.md'), project });

    expect(result.format).toBe('claude-mpm');
    expect(result.rejected).toEqual([]);
    const byContent = new Map(result.added.map((memory: { content: string }) => [memory.content, memory]));
    expect(byContent.get('Finance closes the books on the third business day of the month')).toMatchObject({ type: 'context', agent: 'data_engineer', createdAt: '2025-08-06T00:00:00.000Z' });
    expect(byContent.get('Incremental models filter on a watermark with a two hour lookback')).toMatchObject({ type: 'pattern', createdAt: '2025-08-07T00:00:00.000Z' });
    expect(byContent.get('COPY INTO skips files it loaded in the last 64 days unless FORCE is set')).toMatchObject({ type: 'mistake' });
    expect(byContent.get('Medallion layout: bronze raw, silver cleaned, gold marts')).toMatchObject({ type: 'architecture' });
    expect(byContent.get('Warehouse is Snowflake; orchestration is Airflow 2.9 on MWAA')).toMatchObject({ type: 'context' });
    expect(result.added).toHaveLength(7);
  });

  it('turns a server-memory JSONL graph into memories and refuses the broken line with a reason', async () => {
    const project = fresh('from-graph');
    const result = await ok(client, 'import_memories', { text: fixture('server-memory.jsonl'), project });

    expect(result.format).toBe('server-memory');
    expect(result.added.map((memory: { content: string }) => memory.content).sort()).toEqual([
      'Snowflake: An XS warehouse is enough for dbt CI runs',
      'orders_pipeline loads into Snowflake',
      'orders_pipeline: Reads Postgres changes through Debezium',
      'orders_pipeline: Runs nightly at 02:00 UTC',
    ]);
    const broken = result.rejected.find((reject: { block: string }) => reject.block.includes('half written'));
    expect(broken?.reason).toMatch(/not valid JSON/u);
    expect(result.rejected.every((reject: { reason: string }) => reject.reason.length > 10)).toBe(true);
  });

  it('gives each refused item its reason and echoes no secret', async () => {
    const project = fresh('rejects');
    const text = JSON.stringify([
      { type: 'pattern', content: 'tiny' },
      { type: 'integration', content: `Staging DB_PASSWORD=${PASSWORD}` },
      { type: 'gossip', content: 'Data team lunch is on Fridays' },
      { type: 'gossip', content: `Old DB_PASSWORD=${PASSWORD} still works` },
      { type: 'pattern', content: 'Partition large tables by load date' },
    ]);

    const result = await call(client, 'import_memories', { text, project });

    expect(result.isError).toBeFalsy();
    const { added, rejected } = result.structuredContent as { added: Array<{ content: string }>; rejected: Array<{ reason: string }> };
    expect(added.map((memory) => memory.content)).toEqual(['Partition large tables by load date']);
    // Sorted: "content is 4 characters…", "content looks like … credential", "unknown type…" twice.
    expect(rejected.map((reject) => reject.reason).sort()).toEqual([
      expect.stringMatching(/must be 5-100/u),
      expect.stringMatching(/rule "credential-assignment"/u),
      expect.stringMatching(/unknown type "gossip"/u),
      expect.stringMatching(/unknown type "gossip"/u),
    ]);
    expect(JSON.stringify(result.structuredContent)).not.toContain(PASSWORD);
    expect(textOf(result)).not.toContain(PASSWORD);
  });

  it('says what to do when the format cannot be told', async () => {
    const result = await client.callTool({ name: 'import_memories', arguments: { text: 'just a sentence of prose', project: fresh('prose') } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/Pass format explicitly/u);
  });
});
