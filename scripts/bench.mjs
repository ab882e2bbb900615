// npm run bench: medians and p95 of what a client feels, for our server and the reference
// @modelcontextprotocol/server-memory, both connected at once and timed in alternating rounds on
// the same store, so a machine that is busier at one moment weighs on both. Not a test: it
// asserts nothing, it reports, with the machine, its load and the node environment it ran in.
// Writes bench/RESULTS.md (the README shows that table), then runs scripts/bench-engines.mjs.
// `--only hooks` (`--size N`, default 10,000) times the Claude Code hook rows alone, `--only size`
// the rows of one store size (first read, add, ranked queries, prompt, peak RSS), and only prints
// them: a full run's table stays as that run left it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLEAN_ENV, startOurs, startReference, startScript, writeOurStore } from './bench/clients.mjs';
import { benchHooks, benchHooksAtCap } from './bench/hooks.mjs';
import { COMMON_QUERIES, QUERIES, extractText, memoryText, referenceGraph, storeFile } from './bench/fixtures.mjs';
import { benchHttp } from './bench/http.mjs';
import { describeMachine, inheritedNodeEnvironment, loadAverages } from './bench/machine.mjs';
import { bareNodeStart, peakRssMiB, summarise, timeEach, timeInterleaved } from './bench/stats.mjs';

const root = resolve(import.meta.dirname, '..');
const entry = join(root, 'dist', 'cli.js');
const referenceEntry = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/dist/index.js');
const quick = process.argv.includes('--quick');
const only = optionValue('--only');
if (only !== undefined && only !== 'hooks' && only !== 'size') throw new Error(`--only ${only}: the parts that run alone are "hooks" and "size"`);
const onlySize = Number(optionValue('--size') ?? 10_000);
if (!Number.isInteger(onlySize) || onlySize < 1) throw new Error(`--size ${optionValue('--size')}: give a whole number of memories, e.g. --size 10000`);
const SIZES = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const work = mkdtempSync(join(tmpdir(), 'dem-bench-'));
const rows = [];
const loadAtStart = loadAverages();
const row = (what, ours, reference) => {
  rows.push({ what, ours, reference });
  process.stderr.write(`${what}: ${fmt(ours)}${reference ? ` | reference ${fmt(reference)}` : ''}\n`);
};
const fmt = (s) => (s === undefined ? '–' : typeof s === 'number' ? `${s.toFixed(1)}` : `${s.median.toFixed(2)} / ${s.p95.toFixed(2)}`);

function optionValue(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function keyOf(client) {
  const info = await client.callTool({ name: 'memory_info', arguments: {} });
  return info.structuredContent.project.key;
}

/**
 * Start-up against issue #17's yardstick, a trivial stdio server (scripts/bench/trivial-server.mjs),
 * spawned the same way with the same environment in the same rounds. Once with the clean
 * environment every server here gets, and once more with the node variables this shell has set
 * (NODE_EXTRA_CA_CERTS slows every node start), if it has any.
 */
async function handshake(label, extraEnv) {
  const ours = startOurs(join(work, `handshake${label ? '-inherited' : ''}`), entry);
  const env = { ...ours.env, ...extraEnv };
  const trivialScript = join(root, 'scripts', 'bench', 'trivial-server.mjs');
  const bare = await bareNodeStart(15, { ...CLEAN_ENV, ...extraEnv });
  const trivial = [];
  const handshakes = [];
  const firstList = [];
  const sides = [
    async () => {
      const begun = performance.now();
      const server = await startScript(trivialScript, env);
      trivial.push(performance.now() - begun);
      await server.close();
    },
    async () => {
      const begun = performance.now();
      const server = await startScript(entry, env);
      handshakes.push(performance.now() - begun);
      await server.client.listTools();
      firstList.push(performance.now() - begun);
      await server.close();
    },
  ];
  // Alternating rounds, the side that goes first turning each round (as timeInterleaved does).
  for (let i = 0; i < 15; i++) for (let j = 0; j < sides.length; j++) await sides[(i + j) % sides.length]();
  const suffix = label ? ` (${label})` : ' (clean environment)';
  const hs = summarise(handshakes);
  const yardstick = summarise(trivial);
  row(`bare \`node -e ""\` start${suffix}, ms`, bare);
  row(`trivial stdio server: spawn → initialize answered${suffix}, ms`, yardstick);
  row(`handshake (spawn → initialize answered)${suffix}, ms`, hs);
  row(`spawn → first tools/list answered${suffix}, ms`, summarise(firstList));
  rows.push({ what: `handshake ÷ bare node${suffix} (median)`, ours: hs.median / bare.median });
  rows.push({ what: `handshake ÷ trivial stdio server${suffix} (median)`, ours: hs.median / yardstick.median });
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
    if (result.isError || result.structuredContent.counts.added !== 10_000) throw new Error(`bulk extract stored ${result.structuredContent?.counts?.added}: ${JSON.stringify(result.content).slice(0, 300)}`);
    await server.close();
  }
  row(`extract_memories of 10,000 blocks${cap ? ` (cap ${cap}: 9,000 archived)` : ''}, ms`, summarise(samples));
}

/**
 * Our server and the reference on the same memories (our store file, its JSONL graph), both
 * connected for the whole size, each operation timed in alternating rounds. Queries of rare
 * words and the same queries with a word nine memories in ten hold ("table") are timed apart:
 * issue #17 wants the second to cost at most 1.5× the first.
 */
async function atSize(size) {
  const ours = startOurs(join(work, `size-${size}`), entry);
  let server = await ours.start();
  const key = await keyOf(server.client);
  await server.close();
  writeOurStore(ours.memoryDir, key, storeFile(size, { name: 'project', root: ours.project }));
  server = await ours.start();
  const ref = await startReference(join(work, `ref-${size}`), referenceEntry, referenceGraph(size));
  const iterations = size >= 100_000 ? 20 : 50;
  // First call pays for loading the store and building the index; report it apart.
  const first = await timeEach(1, () => server.client.callTool({ name: 'read_memories', arguments: { query: 'warm up', limit: 5 } }));
  const refFirst = await timeEach(1, () => ref.client.callTool({ name: 'search_nodes', arguments: { query: 'warm up' } }));
  const [add, refAdd] = await timeInterleaved(iterations, [
    (i) => server.client.callTool({ name: 'add_memory', arguments: { type: 'pattern', content: memoryText(5_000_000 + i) } }),
    (i) => ref.client.callTool({ name: 'create_entities', arguments: { entities: [{ name: `bench-${i}`, entityType: 'pattern', observations: [memoryText(5_000_000 + i)] }] } }),
  ]);
  const queries = (list) => [
    (i) => server.client.callTool({ name: 'read_memories', arguments: { query: list[i % list.length], limit: 10 } }),
    (i) => ref.client.callTool({ name: 'search_nodes', arguments: { query: list[i % list.length] } }),
  ];
  // Rare and common in the same rounds too: their ratio is the figure issue #17 sets a target for.
  // Untimed rounds first, for both servers alike: a median over the first calls after a start
  // measures V8 compiling the search code, not the search (at 10,000, load ~1: 1.14 ms median without
  // these rounds, 0.92 with them; the reference 8.9 and 8.5).
  // The floor under those rows, in the same rounds and so after the same pause: an SDK ping and a
  // tools/call no tool of ours answers (an unknown name: the SDK's path alone), each after a
  // reference search that is there only to pace them as the queries are paced.
  const pacing = (i) => ref.client.callTool({ name: 'search_nodes', arguments: { query: QUERIES[i % QUERIES.length] } });
  const floor = [() => server.client.ping(), pacing, () => server.client.callTool({ name: 'no_such_tool', arguments: {} }), pacing];
  const queryRounds = [...queries(QUERIES), ...queries(COMMON_QUERIES), ...floor];
  await timeInterleaved(Math.min(iterations, 20), queryRounds);
  const [query, refQuery, common, refCommon, ping, , unknownTool] = await timeInterleaved(size >= 100_000 ? iterations : 4 * iterations, queryRounds);
  const prompt = await timeEach(iterations, (i) => server.client.getPrompt({ name: 'data_engineer', arguments: { task: `Design the ${QUERIES[i % QUERIES.length]} pipeline` } }));
  const rss = peakRssMiB(server.pid);
  const refRss = peakRssMiB(ref.pid);
  await server.close();
  await ref.close();

  const n = size.toLocaleString('en-US');
  row(`first read at ${n} (load + index), ms`, first, refFirst);
  row(`add at ${n}, ms`, add, refAdd);
  row(`ranked query at ${n}, ms`, query, refQuery);
  row(`ranked query with a word in 90% of memories at ${n}, ms`, common, refCommon);
  row(`floor, paced as the queries at ${n}: SDK ping, ms`, ping);
  row(`floor, paced as the queries at ${n}: tools/call of an unknown tool, ms`, unknownTool);
  row(`prompts/get with task at ${n}, ms`, prompt);
  row(`peak RSS at ${n}, MiB`, rss, refRss);
  rows.push({ what: `query with a common word ÷ rare words at ${n} (median)`, ours: common.median / query.median, reference: refCommon.median / refQuery.median });
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
  const machine = describeMachine();
  const ratio = (what, value) => (typeof value !== 'number' ? fmt(value) : what.includes('÷') ? `${value.toFixed(2)}×` : what.includes('speed-up') ? `${value.toFixed(1)}×` : fmt(value));
  const lines = [
    `Benchmark of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.memory}, ${machine.node}.`,
    `Load average (1, 5, 15 min) ${loadAtStart} at the start, ${loadAverages()} at the end; ${machine.environment}.`,
    'Servers run with a clean environment (PATH, HOME and their own settings) except the start-up rows that say otherwise.',
    'Times are median / p95 in ms over stdio with the SDK client; reference = @modelcontextprotocol/server-memory (create_entities, search_nodes),',
    'connected at the same time as ours and timed in alternating rounds on the same memories.',
    '',
    '| measure | data-engineer-mcp | reference server-memory |',
    '| --- | --- | --- |',
    ...rows.map(({ what, ours, reference }) => `| ${what} | ${ratio(what, ours)} | ${ratio(what, reference)} |`),
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

/** `--only hooks`: the hook rows at one size, printed; README and bench/RESULTS.md untouched. */
async function hooksOnly() {
  row('bare `node -e ""` start (clean environment), ms', await bareNodeStart(15, CLEAN_ENV));
  await benchHooks(join(work, 'hooks'), entry, onlySize, row);
  await benchHooksAtCap(join(work, 'hooks-at-cap'), entry, onlySize, row);
  printOnly('Hook rows');
}

/** `--only size`: atSize's rows at one size (ours and the reference, interleaved), printed; README and bench/RESULTS.md untouched. */
async function sizeOnly() {
  await atSize(onlySize);
  printOnly(`Rows at ${onlySize.toLocaleString('en-US')} memories`);
}

function printOnly(title) {
  const machine = describeMachine();
  process.stdout.write(`${title} of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.node}; load ${loadAtStart} at the start, ${loadAverages()} at the end.\n`);
  for (const { what, ours, reference } of rows) process.stdout.write(`| ${what} | ${typeof ours === 'number' ? ours.toFixed(2) : fmt(ours)} |${reference === undefined ? '' : ` ${typeof reference === 'number' ? reference.toFixed(2) : fmt(reference)} |`}\n`);
}

try {
  if (only === 'hooks') await hooksOnly();
  else if (only === 'size') await sizeOnly();
  else await fullRun();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function fullRun() {
  await handshake();
  const inherited = inheritedNodeEnvironment();
  if (Object.keys(inherited).length > 0) await handshake(`with ${Object.keys(inherited).join(', ')} as this shell has it`, inherited);
  await bulk();
  await bulk(1_000);
  for (const size of SIZES) await atSize(size);
  await overCap(quick ? 10_000 : 100_000);
  for (const size of SIZES) await benchHooks(join(work, `hooks-${size}`), entry, size, row);
  for (const size of SIZES) await benchHooksAtCap(join(work, `hooks-at-cap-${size}`), entry, size, row);
  report();
  await benchHttp();
  const engines = spawnSync(process.execPath, [join(root, 'scripts', 'bench-engines.mjs'), ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
  if (engines.status !== 0) process.exitCode = engines.status ?? 1;
}
