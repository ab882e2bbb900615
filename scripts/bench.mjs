// npm run bench: medians and p95 of what a client feels, for our server and the reference
// @modelcontextprotocol/server-memory in the same run on the same machine. Not a test: it
// asserts nothing, it reports. Writes bench/RESULTS.md (the README shows that table).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { startOurs, startReference, startScript, writeOurStore } from './bench/clients.mjs';
import { benchHooks } from './bench/hooks.mjs';
import { QUERIES, extractText, memoryText, referenceGraph, storeFile } from './bench/fixtures.mjs';
import { benchHttp } from './bench/http.mjs';
import { bareNodeStart, peakRssMiB, summarise, timeEach } from './bench/stats.mjs';

const root = resolve(import.meta.dirname, '..');
const entry = join(root, 'dist', 'cli.js');
const referenceEntry = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/dist/index.js');
const quick = process.argv.includes('--quick');
const SIZES = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const work = mkdtempSync(join(tmpdir(), 'dem-bench-'));
const rows = [];
const row = (what, ours, reference) => {
  rows.push({ what, ours, reference });
  process.stderr.write(`${what}: ${fmt(ours)}${reference ? ` | reference ${fmt(reference)}` : ''}\n`);
};
const fmt = (s) => (s === undefined ? '–' : typeof s === 'number' ? `${s.toFixed(1)}` : `${s.median.toFixed(2)} / ${s.p95.toFixed(2)}`);

async function keyOf(client) {
  const info = await client.callTool({ name: 'memory_info', arguments: {} });
  return info.structuredContent.project.key;
}

async function handshake() {
  const bare = await bareNodeStart(15);
  const ours = startOurs(join(work, 'handshake'), entry);
  // Issue #17's yardstick: a trivial stdio server, spawned the same way with the same environment,
  // measured in the same rounds so a busy machine slows both alike.
  const trivialScript = join(root, 'scripts', 'bench', 'trivial-server.mjs');
  const samples = [];
  const trivialSamples = [];
  const firstList = [];
  for (let i = 0; i < 15; i++) {
    let start = performance.now();
    const trivial = await startScript(trivialScript, ours.env);
    trivialSamples.push(performance.now() - start);
    await trivial.close();
    start = performance.now();
    const server = await ours.start();
    samples.push(performance.now() - start);
    await server.client.listTools();
    firstList.push(performance.now() - start);
    await server.close();
  }
  const hs = summarise(samples);
  const trivial = summarise(trivialSamples);
  row('bare `node -e ""` start, ms', bare);
  row('trivial stdio server: spawn → initialize answered, ms', trivial);
  row('handshake (spawn → initialize answered), ms', hs);
  row('spawn → first tools/list answered, ms', summarise(firstList));
  rows.push({ what: 'handshake ÷ bare node (median)', ours: hs.median / bare.median });
  rows.push({ what: 'handshake ÷ trivial stdio server (median)', ours: hs.median / trivial.median });
}

async function bulk(cap) {
  const text = extractText(10_000);
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const ours = startOurs(join(work, `bulk-${cap ?? 'none'}-${i}`), entry, cap);
    const server = await ours.start();
    const start = performance.now();
    const result = await server.client.callTool({ name: 'extract_memories', arguments: { text } });
    samples.push(performance.now() - start);
    if (result.isError || result.structuredContent.added.length !== 10_000) throw new Error(`bulk extract stored ${result.structuredContent?.added?.length}: ${JSON.stringify(result.content).slice(0, 300)}`);
    await server.close();
  }
  row(`extract_memories of 10,000 blocks${cap ? ` (cap ${cap}: 9,000 archived)` : ''}, ms`, summarise(samples));
}

async function atSize(size) {
  const ours = startOurs(join(work, `size-${size}`), entry);
  let server = await ours.start();
  const key = await keyOf(server.client);
  await server.close();
  writeOurStore(ours.memoryDir, key, storeFile(size, { name: 'project', root: ours.project }));
  server = await ours.start();
  const iterations = size >= 100_000 ? 30 : 50;
  // First call pays for loading the store and building the index; report it apart.
  const first = await timeEach(1, () => server.client.callTool({ name: 'read_memories', arguments: { query: 'warm up', limit: 5 } }));
  const add = await timeEach(iterations, (i) => server.client.callTool({ name: 'add_memory', arguments: { type: 'pattern', content: memoryText(5_000_000 + i) } }));
  const query = await timeEach(iterations, (i) => server.client.callTool({ name: 'read_memories', arguments: { query: QUERIES[i % QUERIES.length], limit: 10 } }));
  const prompt = await timeEach(iterations, (i) => server.client.getPrompt({ name: 'data_engineer', arguments: { task: `Design the ${QUERIES[i % QUERIES.length]} pipeline` } }));
  const rss = peakRssMiB(server.pid);
  await server.close();

  const ref = await startReference(join(work, `ref-${size}`), referenceEntry, referenceGraph(size));
  const refIterations = size >= 100_000 ? 10 : iterations;
  const refAdd = await timeEach(refIterations, (i) =>
    ref.client.callTool({ name: 'create_entities', arguments: { entities: [{ name: `bench-${i}`, entityType: 'pattern', observations: [memoryText(5_000_000 + i)] }] } }),
  );
  const refQuery = await timeEach(refIterations, (i) => ref.client.callTool({ name: 'search_nodes', arguments: { query: QUERIES[i % QUERIES.length] } }));
  const refRss = peakRssMiB(ref.pid);
  await ref.close();

  const n = size.toLocaleString('en-US');
  row(`first read at ${n} (load + index), ms`, first);
  row(`add at ${n}, ms`, add, refAdd);
  row(`ranked query at ${n}, ms`, query, refQuery);
  row(`prompts/get with task at ${n}, ms`, prompt);
  row(`peak RSS at ${n}, MiB`, rss, refRss);
  rows.push({ what: `add speed-up vs reference at ${n}`, ours: refAdd.median / add.median });
  rows.push({ what: `query speed-up vs reference at ${n}`, ours: refQuery.median / query.median });
}

/**
 * A big store meeting the archive cap (default 1,000 active per agent) for the first time: the
 * first add archives all but the newest 999 in one pass and rewrites the file. The store is one
 * the server wrote (with its writeId); its load is timed apart, as in atSize.
 */
async function overCap(size) {
  const samples = [];
  let rss;
  for (let i = 0; i < 3; i++) {
    const ours = startOurs(join(work, `over-cap-${size}-${i}`), entry, 1_000);
    let server = await ours.start();
    const key = await keyOf(server.client);
    await server.close();
    writeOurStore(ours.memoryDir, key, storeFile(size, { name: 'project', root: ours.project }, { writeId: `benchOverCap${i}` }));
    server = await ours.start();
    await keyOf(server.client);
    const start = performance.now();
    const result = await server.client.callTool({ name: 'add_memory', arguments: { type: 'pattern', content: memoryText(7_000_000 + i) } });
    samples.push(performance.now() - start);
    if (result.isError) throw new Error(`add over the cap failed: ${JSON.stringify(result.content).slice(0, 300)}`);
    rss = Math.max(rss ?? 0, peakRssMiB(server.pid) ?? 0);
    await server.close();
  }
  const n = size.toLocaleString('en-US');
  row(`first add over the cap at ${n} (${(size - 999).toLocaleString('en-US')} archived), ms`, summarise(samples));
  row(`peak RSS over the cap at ${n}, MiB`, rss);
}

function report() {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}, ${process.platform}`;
  const lines = [
    `Benchmark of ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    'Times are median / p95 in ms over stdio with the SDK client; reference = @modelcontextprotocol/server-memory (create_entities, search_nodes).',
    '',
    '| measure | data-engineer-mcp | reference server-memory |',
    '| --- | --- | --- |',
    ...rows.map(({ what, ours, reference }) => `| ${what} | ${typeof ours === 'number' && what.includes('÷') ? `${ours.toFixed(2)}×` : typeof ours === 'number' && what.includes('speed-up') ? `${ours.toFixed(1)}×` : fmt(ours)} | ${fmt(reference)} |`),
  ];
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
  // The README shows the latest run between these markers.
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const marked = /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/u;
  if (marked.test(text)) writeFileSync(readme, text.replace(marked, (_, start, end) => `${start}${lines.join('\n')}\n${end}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  await handshake();
  await bulk();
  await bulk(1_000);
  for (const size of SIZES) await atSize(size);
  await overCap(quick ? 10_000 : 100_000);
  await benchHooks(join(work, 'hooks'), entry, 10_000, row);
  report();
  await benchHttp();
} finally {
  rmSync(work, { recursive: true, force: true });
}
