import type { Ranking, RecallHit } from './ranking.js';

/** Reciprocal rank fusion's damping constant, the value its authors found robust (Cormack et al., SIGIR 2009). */
const RRF_K = 60;

/**
 * One ranking from several phrasings of one need, by reciprocal rank fusion: a memory scores
 * Σ 1 / (60 + its rank in each phrasing's ranking), so one found near the top by any phrasing
 * ranks high, and one found by several ranks higher still. Ranks, not BM25 scores, are fused
 * because scores of different queries are not on one scale. Each ranking contributes its best
 * `depth` hits, a fixed number so that every page of one search sees the same fused order.
 * Ties go to the better single rank, then to the earlier phrasing's order.
 */
export function fuseRankings(rankings: ReadonlyArray<Pick<Ranking, 'top'>>, depth: number): RecallHit[] {
  const fused = new Map<string, { score: number; best: number; order: number }>();
  let order = 0;
  for (const ranking of rankings) {
    ranking.top(depth).forEach((hit, rank) => {
      const entry = fused.get(hit.id);
      const share = 1 / (RRF_K + rank + 1);
      if (entry) {
        entry.score += share;
        entry.best = Math.min(entry.best, rank);
      } else fused.set(hit.id, { score: share, best: rank, order: order++ });
    });
  }
  return [...fused]
    .sort(([, a], [, b]) => b.score - a.score || a.best - b.best || a.order - b.order)
    .map(([id, { score }]) => ({ id, score }));
}
