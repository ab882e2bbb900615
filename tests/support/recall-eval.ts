import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/**
 * The recall evaluation behind `npm run eval` and its regression test: the built server over
 * stdio with the SDK client, as a user's client runs it. The corpus (tests/fixtures/recall-eval)
 * is imported with import_memories, each query asks read_memories for its top 10, and each
 * near-duplicate pair is added twice under an agent of its own. Queries and pairs marked "held"
 * were written with the rest but never looked at while tuning; "fresh" ones were written later,
 * before a ranking change, and their misses were studied in session 6 (general causes fixed, so
 * they are no longer unseen); "blind", "blind2" and "blind3" ones later still, each committed
 * before it was ever run. The misses of "blind" were studied once "blind2" was committed; those of
 * "blind2" and "blind3" were listed in session 7 before its concept table was written, so none of
 * them is unseen any more: tests/fixtures/recall-eval-unseen is (npm run eval -- --corpus).
 */

export const EVAL_FIXTURES = resolve(import.meta.dirname, '../fixtures/recall-eval');
export const QUERY_CLASSES = ['keyword', 'paraphrase', 'typo', 'task'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];
export const SPLITS = ['tune', 'held', 'fresh', 'blind', 'blind2', 'blind3'] as const;
export type Split = (typeof SPLITS)[number];

export interface EvalMemory { id: string; type: string; content: string }
export interface EvalQuery { class: QueryClass; split: Split; wanted: string[]; query: string }
export interface EvalPair { kind: 'same' | 'apart'; split: Split; first: string; second: string }

/** Lines of a fixture, "#" comments and blank lines left out, split on " | ". */
function rows(fixtures: string, file: string): string[][] {
  return readFileSync(join(fixtures, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(' | ').map((cell) => cell.trim()));
}

export function loadCorpus(fixtures = EVAL_FIXTURES): { memories: EvalMemory[]; queries: EvalQuery[]; pairs: EvalPair[] } {
  const memories = rows(fixtures, 'memories.txt').map(([id, type, ...content]) => ({ id: id!, type: type!, content: content.join(' | ') }));
  const queries = rows(fixtures, 'queries.txt').map(([kind, split, wanted, ...query]) => ({
    class: kind as QueryClass, split: split as Split, wanted: wanted!.split(','), query: query.join(' | '),
  }));
  const pairs = rows(fixtures, 'pairs.txt').map(([kind, split, ...rest]) => {
    const [first, second] = rest.join(' | ').split(' || ');
    return { kind: kind as 'same' | 'apart', split: split as Split, first: first!, second: second! };
  });
  return { memories, queries, pairs };
}

export interface ClassFigures { count: number; hit1: number; hit3: number; hit10: number; mrr: number }
export interface PairFigures { same: number; merged: number; apart: number; falseMerges: number; precision: number; recall: number }
export interface EvalReport {
  queries: Record<Split | 'all', Record<QueryClass, ClassFigures>>;
  pairs: Record<Split | 'all', PairFigures>;
  misses: Array<{ query: EvalQuery; rank: number; top: string[] }>;
  wrongPairs: EvalPair[];
}

async function connect(entry: string, root: string): Promise<Client> {
  const project = join(root, 'project');
  mkdirSync(project, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(),
    DATA_ENGINEER_PROJECT: project, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory'), DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: '100000',
  };
  const client = new Client({ name: 'recall-eval', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [entry], env, stderr: 'ignore' }));
  return client;
}

type Structured = { [key: string]: unknown };
async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<Structured> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Structured;
}

/** Runs the whole evaluation against the built server at `entry` (dist/cli.js). */
export async function evaluateRecall(entry: string, fixtures = EVAL_FIXTURES): Promise<EvalReport> {
  const { memories, queries, pairs } = loadCorpus(fixtures);
  const root = mkdtempSync(join(tmpdir(), 'dem-eval-'));
  const client = await connect(entry, root);
  try {
    // One add at a time, each at a later millisecond: equal scores are ordered by last change, and
    // an import stamps many memories with one time, which made ties fall differently per run.
    const fixtureId = new Map<string, string>();
    for (const memory of memories) {
      const result = await tool(client, 'add_memory', { type: memory.type, content: memory.content });
      if (result.created !== true) throw new Error(`corpus: ${memory.id} was not stored: ${JSON.stringify(result)}`);
      fixtureId.set((result.memory as { id: string }).id, memory.id);
      const stamp = Date.now();
      while (Date.now() === stamp) await new Promise((resolve) => setImmediate(resolve));
    }

    const ranks: Array<{ query: EvalQuery; rank: number; top: string[] }> = [];
    for (const query of queries) {
      const page = await tool(client, 'read_memories', { query: query.query, limit: 10 });
      const top = (page.memories as Array<{ id: string }>).map((memory) => fixtureId.get(memory.id) ?? '?');
      const at = top.findIndex((id) => query.wanted.includes(id));
      ranks.push({ query, rank: at < 0 ? Infinity : at + 1, top });
    }

    const merged: boolean[] = [];
    for (const [i, pair] of pairs.entries()) {
      const agent = `pair-${i}`;
      await tool(client, 'add_memory', { type: 'pattern', content: pair.first, agent });
      merged.push((await tool(client, 'add_memory', { type: 'pattern', content: pair.second, agent })).created === false);
    }
    return report(ranks, pairs, merged);
  } finally {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  }
}

function report(ranks: Array<{ query: EvalQuery; rank: number; top: string[] }>, pairs: EvalPair[], merged: boolean[]): EvalReport {
  const bySplit = (split: Split | 'all') => Object.fromEntries(QUERY_CLASSES.map((kind) => {
    const of = ranks.filter(({ query }) => query.class === kind && (split === 'all' || query.split === split));
    const share = (ok: (rank: number) => boolean) => (of.length === 0 ? 0 : of.filter(({ rank }) => ok(rank)).length / of.length);
    return [kind, {
      count: of.length, hit1: share((r) => r <= 1), hit3: share((r) => r <= 3), hit10: share((r) => r <= 10),
      mrr: of.length === 0 ? 0 : of.reduce((sum, { rank }) => sum + (Number.isFinite(rank) ? 1 / rank : 0), 0) / of.length,
    }];
  })) as Record<QueryClass, ClassFigures>;
  const pairFigures = (split: Split | 'all'): PairFigures => {
    const picked = pairs.map((pair, i) => ({ pair, merged: merged[i]! })).filter(({ pair }) => split === 'all' || pair.split === split);
    const same = picked.filter(({ pair }) => pair.kind === 'same');
    const sameMerged = same.filter(({ merged }) => merged).length;
    const falseMerges = picked.filter(({ pair, merged }) => pair.kind === 'apart' && merged).length;
    const allMerged = sameMerged + falseMerges;
    return {
      same: same.length, merged: sameMerged, apart: picked.length - same.length, falseMerges,
      precision: allMerged === 0 ? 1 : sameMerged / allMerged, recall: same.length === 0 ? 1 : sameMerged / same.length,
    };
  };
  return {
    queries: Object.fromEntries([...SPLITS, 'all'].map((split) => [split, bySplit(split as Split | 'all')])) as EvalReport['queries'],
    pairs: Object.fromEntries([...SPLITS, 'all'].map((split) => [split, pairFigures(split as Split | 'all')])) as EvalReport['pairs'],
    misses: ranks.filter(({ rank, query }) => rank > (query.class === 'keyword' || query.class === 'typo' ? 1 : 3)),
    wrongPairs: pairs.filter((pair, i) => (pair.kind === 'same') !== merged[i]),
  };
}

/** The report as the table `npm run eval` prints. */
export function formatReport(report: EvalReport, { misses = false } = {}): string {
  const f = (n: number) => n.toFixed(2);
  const lines: string[] = [];
  const titles: Record<Split | 'all', string> = { tune: 'Tuned on', held: 'Held out (never tuned on)', fresh: 'Fresh set (written later; its misses studied in session 6)', blind: 'Blind set (committed before it was first run; its misses studied after blind2 was written)', blind2: 'Second blind set (committed before it was first run, never tuned on)', blind3: 'Third blind set (committed before it was first run and before the ranking changes of its pass, never tuned on)', all: 'All' };
  for (const split of [...SPLITS, 'all'] as const) {
    // Another corpus (npm run eval -- --corpus) may hold none of these splits: skip empty sections.
    const p = report.pairs[split];
    if (QUERY_CLASSES.every((kind) => report.queries[split][kind].count === 0) && p.same + p.apart === 0) continue;
    lines.push(`\n${titles[split]}:`, 'class        n   hit@1  hit@3  hit@10  MRR');
    for (const kind of QUERY_CLASSES) {
      const c = report.queries[split][kind];
      if (c.count === 0) continue;
      lines.push(`${kind.padEnd(11)} ${String(c.count).padStart(3)}   ${f(c.hit1)}   ${f(c.hit3)}   ${f(c.hit10)}   ${f(c.mrr)}`);
    }
    if (p.same + p.apart === 0) continue;
    lines.push(`near-duplicates: precision ${f(p.precision)}, recall ${f(p.recall)} (${p.merged}/${p.same} same-fact pairs merged, ${p.falseMerges}/${p.apart} keep-apart pairs merged)`);
  }
  if (misses) {
    lines.push('\nQueries below target (keyword/typo not first, paraphrase/task not in the top 3):');
    for (const { query, rank, top } of report.misses) lines.push(`  [${query.class}/${query.split}] "${query.query}" wants ${query.wanted.join(',')}: rank ${rank}; top ${top.slice(0, 5).join(' ')}`);
    for (const pair of report.wrongPairs) lines.push(`  pair ${pair.kind}/${pair.split}: ${pair.first} || ${pair.second}`);
  }
  return lines.join('\n');
}
