import { describe, expect, it } from 'vitest';
import { ENTRY } from '../support/server-process.js';
import { evaluateRecall, formatReport, QUERY_CLASSES, SPLITS, type ClassFigures, type EvalReport, type Split } from '../support/recall-eval.js';

// `npm run eval` as a gate: the figures on tests/fixtures/recall-eval may rise, never fall. Floors
// are the figures measured when they were set (README "Recall evaluation"); raise them when a
// change raises the figures. A wrong merge loses a fact, so no keep-apart pair may ever merge.

type Floors = Pick<ClassFigures, 'hit1' | 'hit3' | 'mrr'>;
const NO_QUERIES: Floors = { hit1: 0, hit3: 0, mrr: 0 };
/** A split of task queries only. */
const taskOnly = (task: Floors): Record<(typeof QUERY_CLASSES)[number], Floors> => ({ keyword: NO_QUERIES, paraphrase: NO_QUERIES, typo: NO_QUERIES, task });
const FLOORS: Record<Split, Record<(typeof QUERY_CLASSES)[number], Floors>> = {
  tune: {
    keyword: { hit1: 1, hit3: 1, mrr: 1 },
    paraphrase: { hit1: 0.77, hit3: 1, mrr: 0.87 },
    typo: { hit1: 0.91, hit3: 1, mrr: 0.95 },
    task: { hit1: 0.81, hit3: 1, mrr: 0.9 },
  },
  held: {
    keyword: { hit1: 1, hit3: 1, mrr: 1 },
    paraphrase: { hit1: 0.83, hit3: 0.91, mrr: 0.87 },
    typo: { hit1: 1, hit3: 1, mrr: 1 },
    task: { hit1: 1, hit3: 1, mrr: 1 },
  },
  // Task and paraphrase queries only: written against the same memories after the rest.
  fresh: {
    keyword: NO_QUERIES,
    paraphrase: { hit1: 0.95, hit3: 1, mrr: 0.97 },
    typo: NO_QUERIES,
    task: { hit1: 0.59, hit3: 0.95, mrr: 0.77 },
  },
  // Task queries only, each set committed before it was first run; blind's misses were studied
  // once blind2 was written, blind2 and blind3 are never tuned on.
  blind: taskOnly({ hit1: 0.54, hit3: 0.77, mrr: 0.66 }),
  // MRR 0.6406 → 0.6398 with the rarity-weighted matched-words factor (bm25-weight.ts): a
  // query ranked below 3 moved; hit@1 and hit@3 did not.
  blind2: taskOnly({ hit1: 0.54, hit3: 0.72, mrr: 0.63 }),
  // Written before this pass's ranking changes and never tuned on, as blind2 is.
  blind3: taskOnly({ hit1: 0.38, hit3: 0.65, mrr: 0.51 }),
};

describe('recall evaluation over stdio', () => {
  let report: EvalReport;

  it('runs the corpus through the built server', async () => {
    report = await evaluateRecall(ENTRY);
    expect(report.pairs.all.same).toBeGreaterThan(30);
  }, 120_000);

  it.each(SPLITS)('keeps every query class at or above its floor (%s)', (split) => {
    for (const kind of QUERY_CLASSES) {
      const figures = report.queries[split][kind];
      for (const measure of ['hit1', 'hit3', 'mrr'] as const) {
        expect(figures[measure], `${split} ${kind} ${measure}\n${formatReport(report, { misses: true })}`).toBeGreaterThanOrEqual(FLOORS[split][kind][measure] - 1e-9);
      }
    }
  });

  it('never merges a keep-apart pair and merges at least 0.85 of the same-fact pairs', () => {
    expect(report.pairs.all.falseMerges, formatReport(report, { misses: true })).toBe(0);
    expect(report.pairs.tune.recall).toBeGreaterThanOrEqual(0.85);
    expect(report.pairs.held.recall).toBeGreaterThanOrEqual(0.85);
  });
});
