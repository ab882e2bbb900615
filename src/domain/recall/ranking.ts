export interface RecallHit {
  id: string;
  score: number;
}

/**
 * What a ranking reads of a match from the index, by slot, and only when needed: the last-change
 * time (epoch ms) to break a tie, the id of a hit it returns. Reading them for every match up front cost more
 * than scoring at 100,000 memories (random reads across arrays that size miss the cache).
 */
export interface SlotLookup {
  updatedAt(slot: number): number;
  id(slot: number): string;
}

/** Below this share of the matches, picking the best with a heap beats sorting them all. */
const HEAP_SHARE = 1 / 8;

/**
 * Every memory that matched a search, unsorted until asked: a page of 10 out of 50,000 matches
 * needs only the best 10 picked, not all 50,000 sorted. The order is total (score, then most
 * recently updated, then slot), so any `top(n)` is a prefix of any larger one and paging
 * neither skips nor repeats.
 */
export class Ranking implements Iterable<RecallHit> {
  readonly #scores: readonly number[];
  readonly #slots: readonly number[];
  readonly #lookup: SlotLookup;

  /** Match i is the memory in `slots[i]` of the index, with `scores[i]`. */
  constructor(scores: readonly number[], slots: readonly number[], lookup: SlotLookup) {
    this.#scores = scores;
    this.#slots = slots;
    this.#lookup = lookup;
  }

  /** How many memories matched. */
  get total(): number {
    return this.#slots.length;
  }

  /** The best `count` hits, best first. */
  top(count: number): RecallHit[] {
    const total = this.total;
    const wanted = Math.min(count, total);
    if (wanted <= 0) return [];
    const compare = this.#compare;
    let picked: number[];
    if (wanted >= total * HEAP_SHARE) {
      picked = Array.from({ length: total }, (_, i) => i).sort(compare);
      picked.length = wanted;
    } else {
      picked = bestOf(total, wanted, compare).sort(compare);
    }
    return picked.map((i) => this.#hit(i));
  }

  /**
   * Best first, sorting out only as many as the caller goes on to read: the matches are put in a
   * heap (linear time) and each step takes the best off it, so a prompt that stops after 60 of
   * 5,000 matches never sorts the rest.
   */
  *[Symbol.iterator](): Iterator<RecallHit> {
    // A heap ordered so that the root is the best match: "worse" is the reversed comparison.
    const worse = (i: number, j: number): number => this.#compare(j, i);
    const heap = Array.from({ length: this.total }, (_, i) => i);
    for (let at = (heap.length >> 1) - 1; at >= 0; at--) siftDown(heap, at, heap[at]!, worse);
    while (heap.length > 0) {
      const best = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) siftDown(heap, 0, last, worse);
      yield this.#hit(best);
    }
  }

  #hit(match: number): RecallHit {
    return { id: this.#lookup.id(this.#slots[match]!), score: this.#scores[match]! };
  }

  /** Negative when match i ranks before match j. */
  readonly #compare = (i: number, j: number): number => {
    const byScore = this.#scores[j]! - this.#scores[i]!;
    if (byScore !== 0) return byScore;
    const a = this.#slots[i]!;
    const b = this.#slots[j]!;
    // Most recently updated first, then lower slot first.
    const first = this.#lookup.updatedAt(a);
    const second = this.#lookup.updatedAt(b);
    return (first < second ? 1 : first > second ? -1 : 0) || a - b;
  };
}

/** The `wanted` best of 0..total-1, unordered, kept in a heap whose root is the worst kept so far. */
function bestOf(total: number, wanted: number, compare: (i: number, j: number) => number): number[] {
  const heap: number[] = [];
  for (let i = 0; i < total; i++) {
    if (heap.length < wanted) {
      heap.push(i);
      let child = heap.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (compare(heap[parent]!, i) >= 0) break;
        heap[child] = heap[parent]!;
        child = parent;
      }
      heap[child] = i;
    } else if (compare(i, heap[0]!) < 0) {
      siftDown(heap, 0, i, compare);
    }
  }
  return heap;
}

/**
 * Puts `item` at position `at` and moves it down until no child ranks after it: with `compare`
 * the heap's root is the match that ranks last, with the reversed comparison the one that ranks first.
 */
function siftDown(heap: number[], at: number, item: number, compare: (i: number, j: number) => number): void {
  for (;;) {
    let worst = 2 * at + 1;
    if (worst >= heap.length) break;
    if (worst + 1 < heap.length && compare(heap[worst + 1]!, heap[worst]!) > 0) worst++;
    if (compare(heap[worst]!, item) <= 0) break;
    heap[at] = heap[worst]!;
    at = worst;
  }
  heap[at] = item;
}
