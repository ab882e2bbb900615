// npm run eval: recall figures (hit@1/3/10 and MRR per query class, near-duplicate precision and
// recall) on the corpus in tests/fixtures/recall-eval, over stdio against the built server. Not a
// test: it reports (tests/e2e/recall-eval.test.ts keeps the figures from falling). --misses lists
// each query and pair below target; --corpus <dir> runs another corpus in the same format (e.g.
// tests/fixtures/recall-eval-unseen, whose split "unseen" shows under "All").
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const corpusAt = process.argv.indexOf('--corpus');
if (corpusAt >= 0 && !process.argv[corpusAt + 1]) throw new Error('--corpus needs a folder, e.g. --corpus tests/fixtures/recall-eval-unseen');
const corpus = corpusAt >= 0 ? resolve(process.argv[corpusAt + 1]) : join(root, 'tests', 'fixtures', 'recall-eval');
// Inside the project, so the bundle's imports resolve from node_modules.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const work = mkdtempSync(join(root, 'node_modules', '.cache', 'dem-eval-'));
try {
  // The evaluator is TypeScript shared with the regression test; esbuild makes it runnable here.
  const outfile = join(work, 'recall-eval.mjs');
  await build({ entryPoints: [join(root, 'tests/support/recall-eval.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  const { evaluateRecall, formatReport } = await import(pathToFileURL(outfile).href);
  const report = await evaluateRecall(join(root, 'dist', 'cli.js'), corpus);
  process.stdout.write(`Corpus: ${corpus}\n${formatReport(report, { misses: process.argv.includes('--misses') })}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
