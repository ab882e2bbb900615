// npm run eval: recall figures (hit@1/3/10 and MRR per query class, near-duplicate precision and
// recall) on the corpus in tests/fixtures/recall-eval, over stdio against the built server. Not a
// test: it reports (tests/e2e/recall-eval.test.ts keeps the figures from falling). --misses lists
// each query and pair below target.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
// Inside the project, so the bundle's imports resolve from node_modules.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const work = mkdtempSync(join(root, 'node_modules', '.cache', 'dem-eval-'));
try {
  // The evaluator is TypeScript shared with the regression test; esbuild makes it runnable here.
  const outfile = join(work, 'recall-eval.mjs');
  await build({ entryPoints: [join(root, 'tests/support/recall-eval.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  const { evaluateRecall, formatReport } = await import(pathToFileURL(outfile).href);
  const report = await evaluateRecall(join(root, 'dist', 'cli.js'), join(root, 'tests', 'fixtures', 'recall-eval'));
  process.stdout.write(`${formatReport(report, { misses: process.argv.includes('--misses') })}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
