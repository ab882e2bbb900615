import { BestSlots, type TieBreak, type TopSlots } from './best-slots.js';
import { termWeight } from './bm25-weight.js';
import type { PostingList } from './posting-list.js';
import type { SearchScratch } from './search-scratch.js';

/** One posting list as a query scores it: each posting adds factor × termWeight. */
export interface ScoredList {
  docs: PostingList;
  factor: number;
  lengths: readonly number[];
  averageLength: number;
}

/**
 * The lists of one query group (a query word, its prefix and typo variants and the synonyms
 * standing in for it) and the most they can add to one document's sum.
 */
export interface QueryGroup {
  lists: readonly ScoredList[];
  bound: number;
  /** What matching the group adds to the matched-terms factor: 1, less for a word that only frames a task. */
  counts: number;
}

export interface TopOptions {
  /** How many of the best matches are wanted; Infinity for all. */
  count: number;
  /** Which documents a search may return (a filter); all when absent. */
  accepts?: (slot: number) => boolean;
  /** The final score from the BM25 score: never below it, never above `boostBound(matched)` times it. */
  boost?: (slot: number, score: number, matched: number) => number;
  boostBound?: (matched: number) => number;
  tieBreak: TieBreak;
}

/** Rounding in the bounds must never make them smaller than a score they bound. */
const BOUND_MARGIN = 1 + 1e-9;

/**
 * The best `count` matches of a query, scored exactly as scoring every match would (MaxScore,
 * term at a time): groups are scored in falling order of their bound, and once `count`
 * accepted documents are sure to score above anything the remaining groups could give a
 * document none of the scored groups matched, those groups only add to documents already
 * found. A word held by most memories ("table") then costs a walk over its postings that
 * scores none of the others, and the page is picked from the few documents the rarer words
 * found. The final score is (sum over groups) × (the counts of the groups matched, summed) ×
 * boost; a document's sums add its groups in the same order whether or not the search prunes, so scores and ties are
 * identical to exhaustive scoring.
 */
export function searchTop(groups: readonly QueryGroup[], scratch: SearchScratch, options: TopOptions): TopSlots {
  const order = [...groups].sort((a, b) => b.bound - a.bound);
  // rest[g]: the most groups g.. can add to one sum; restCounts[g], to its matched-terms factor.
  const rest = new Float64Array(order.length + 1);
  const restCounts = new Float64Array(order.length + 1);
  for (let g = order.length - 1; g >= 0; g--) {
    rest[g] = rest[g + 1]! + order[g]!.bound;
    restCounts[g] = restCounts[g + 1]! + order[g]!.counts;
  }
  const { score, matched, coordination, group: marks } = scratch;
  const accepts = options.accepts;
  if (order.length === 1 && order[0]!.lists.length === 1) return searchOneList(order[0]!.lists[0]!, order[0]!.counts, options);
  const touched: number[] = [];
  let cleared = 0;
  try {
    let essential = order.length;
    for (let g = 0; g < order.length; g++) {
      if (g > 0 && canSkipNewDocuments(order.length - g, rest[g]!, restCounts[g]!, touched, scratch, options)) {
        essential = g;
        break;
      }
      for (const list of order[g]!.lists) addAll(list, g + 1, order[g]!.counts, touched, scratch);
    }
    const untouchedAccepted = essential < order.length ? addToFound(order, essential, scratch, accepts) : 0;
    const found: number[] = [];
    for (const slot of touched) if (!accepts || accepts(slot)) found.push(slot);
    const sums = found.map((slot) => score[slot]! * coordination[slot]!);
    // The boost reads a memory's text, which costs more than the rest of scoring: the page's
    // floor before boosts (boosts only raise scores) spares it every match that cannot reach it.
    let floor = -Infinity;
    if (options.boost && options.count < found.length) {
      const unboosted = new BestSlots(options.count, options.tieBreak);
      for (let i = 0; i < found.length; i++) unboosted.offer(found[i]!, sums[i]!);
      floor = unboosted.floor;
    }
    const best = new BestSlots(options.count, options.tieBreak);
    for (let i = 0; i < found.length; i++) offerBoosted(best, found[i]!, sums[i]!, matched[found[i]!]!, floor, options);
    return best.sorted(untouchedAccepted + found.length);
  } finally {
    for (; cleared < touched.length; cleared++) {
      const slot = touched[cleared]!;
      score[slot] = matched[slot] = coordination[slot] = marks[slot] = 0;
    }
  }
}

/**
 * Whether `count` accepted documents already found score, at the least, more than any document
 * matching only the `remaining` groups left (whose sums add up to at most `restBound`, their
 * counts to `restCounts`) can.
 */
function canSkipNewDocuments(remaining: number, restBound: number, restCounts: number, touched: readonly number[], scratch: SearchScratch, options: TopOptions): boolean {
  if (touched.length < options.count) return false;
  const ceiling = restBound * restCounts * (options.boostBound?.(remaining) ?? 1) * BOUND_MARGIN;
  const { score, coordination } = scratch;
  let above = 0;
  for (const slot of touched) {
    // Later groups and the boost only raise a score, so the score so far is a floor.
    if (score[slot]! * coordination[slot]! > ceiling && (!options.accepts || options.accepts(slot)) && ++above >= options.count) return true;
  }
  return false;
}

/** Scores every posting of a list into the scratch arrays. */
function addAll(list: ScoredList, group: number, counts: number, touched: number[], scratch: SearchScratch): void {
  const { score, matched, coordination, group: marks } = scratch;
  const { factor, lengths, averageLength } = list;
  const { slots, frequencies, size } = list.docs;
  for (let i = 0; i < size; i++) {
    const slot = slots[i]!;
    score[slot]! += factor * termWeight(frequencies[i]!, lengths[slot]!, averageLength);
    if (marks[slot] !== group) {
      if (marks[slot] === 0) touched.push(slot);
      marks[slot] = group;
      matched[slot]!++;
      coordination[slot]! += counts;
    }
  }
}

/**
 * Adds groups `first`.. to the documents already found and counts the documents only they match
 * (once each, and only if accepted), for the total of matches. A single list needs no check for
 * documents counted before, and without a filter not even a count: the documents it holds that
 * were not found are the rest of its size.
 */
function addToFound(order: readonly QueryGroup[], first: number, scratch: SearchScratch, accepts: ((slot: number) => boolean) | undefined): number {
  if (first === order.length - 1 && order[first]!.lists.length === 1) {
    const list = order[first]!.lists[0]!;
    if (!accepts) return list.docs.size - addToFoundOnly(list, first + 1, order[first]!.counts, scratch);
  }
  if (++scratch.generation === 0xffffffff) {
    scratch.seen.fill(0);
    scratch.generation = 1;
  }
  let counted = 0;
  for (let g = first; g < order.length; g++) {
    for (const list of order[g]!.lists) counted += addToFoundCounting(list, g + 1, order[g]!.counts, scratch, accepts);
  }
  return counted;
}

/** Scores the postings of documents already found, skipping the others; returns how many it scored. */
function addToFoundOnly(list: ScoredList, group: number, counts: number, scratch: SearchScratch): number {
  const { score, matched, coordination, group: marks } = scratch;
  const { factor, lengths, averageLength } = list;
  const { slots, frequencies, size } = list.docs;
  let found = 0;
  for (let i = 0; i < size; i++) {
    const slot = slots[i]!;
    const mark = marks[slot]!;
    if (mark === 0) continue;
    found++;
    score[slot]! += factor * termWeight(frequencies[i]!, lengths[slot]!, averageLength);
    if (mark !== group) {
      marks[slot] = group;
      matched[slot]!++;
      coordination[slot]! += counts;
    }
  }
  return found;
}

/** As addToFoundOnly, and counts each accepted document not found (once, by the scratch generation). */
function addToFoundCounting(list: ScoredList, group: number, counts: number, scratch: SearchScratch, accepts: ((slot: number) => boolean) | undefined): number {
  const { score, matched, coordination, group: marks, seen, generation } = scratch;
  const { factor, lengths, averageLength } = list;
  const { slots, frequencies, size } = list.docs;
  let counted = 0;
  for (let i = 0; i < size; i++) {
    const slot = slots[i]!;
    const mark = marks[slot]!;
    if (mark === 0) {
      if (seen[slot] !== generation) {
        seen[slot] = generation;
        if (!accepts || accepts(slot)) counted++;
      }
      continue;
    }
    score[slot]! += factor * termWeight(frequencies[i]!, lengths[slot]!, averageLength);
    if (mark !== group) {
      marks[slot] = group;
      matched[slot]!++;
      coordination[slot]! += counts;
    }
  }
  return counted;
}

/**
 * A query of one word without variants: each posting is its document's whole score, so it goes
 * straight to the page's heap, which turns most away with one comparison.
 */
function searchOneList(list: ScoredList, counts: number, options: TopOptions): TopSlots {
  const { accepts } = options;
  const { factor, lengths, averageLength } = list;
  const { slots, frequencies, size } = list.docs;
  const best = new BestSlots(options.count, options.tieBreak);
  // offerBoosted's test against the page's worst, with the bound worked out once: most postings of
  // a word held by most memories fall below it, and calling out for each was half of the walk
  // ("table" alone at 10,000 in-process: 0.56 -> 0.29 ms CPU, load ~8).
  const ceiling = (options.boostBound?.(1) ?? 1) * BOUND_MARGIN;
  let worst = best.floor;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const slot = slots[i]!;
    if (accepts && !accepts(slot)) continue;
    total++;
    // As searchTop computes it: 0 + x, times the counts of one matched group.
    const sum = factor * termWeight(frequencies[i]!, lengths[slot]!, averageLength) * counts;
    if (sum * ceiling < worst) continue;
    offerBoosted(best, slot, sum, 1, -Infinity, options);
    worst = best.floor;
  }
  return best.sorted(total);
}

/**
 * Offers a match with its boost, working the boost out only when the most it could give would
 * reach `floor` and the page's current worst.
 */
function offerBoosted(best: BestSlots, slot: number, sum: number, matched: number, floor: number, options: TopOptions): void {
  if (!options.boost) {
    best.offer(slot, sum);
    return;
  }
  const ceiling = sum * (options.boostBound?.(matched) ?? 1) * BOUND_MARGIN;
  if (ceiling < floor || ceiling < best.floor) return;
  best.offer(slot, options.boost(slot, sum, matched));
}
