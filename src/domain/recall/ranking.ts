import type { TopSlots } from './best-slots.js';

export interface RecallHit {
  id: string;
  score: number;
}

/** What a ranking asks the index for: a search for the best `count` matches, and the id of a hit it returns. */
export interface RankingSource {
  best(count: number): TopSlots;
  id(slot: number): string;
}

/** The first batch an iteration asks for; each next one is four times larger. */
const BATCH = 64;

/**
 * Every memory that matched a search, searched only as far as asked: a page of 10 needs the
 * search to find only the best 10, which lets it skip documents that cannot make the page (see
 * top-k-search.ts). The order is total (score, then most recently updated, then slot), so any
 * `top(n)` is a prefix of any larger one and paging neither skips nor repeats.
 */
export class Ranking implements Iterable<RecallHit> {
  readonly #source: RankingSource;
  #found: TopSlots | undefined;
  #asked = 0;

  constructor(source: RankingSource) {
    this.#source = source;
  }

  /** How many memories matched. */
  get total(): number {
    return (this.#found ?? this.#search(BATCH)).total;
  }

  /** The best `count` hits, best first. */
  top(count: number): RecallHit[] {
    if (count <= 0) return [];
    const { slots, scores } = this.#search(count);
    return slots.slice(0, count).map((slot, i) => ({ id: this.#source.id(slot), score: scores[i]! }));
  }

  /**
   * Best first, searching again for a larger batch only when the caller reads past the last:
   * a prompt that stops after 60 of 5,000 matches never has the rest ranked.
   */
  *[Symbol.iterator](): Iterator<RecallHit> {
    let given = 0;
    for (let count = BATCH; ; count *= 4) {
      const { slots, scores } = this.#search(count);
      for (; given < slots.length; given++) yield { id: this.#source.id(slots[given]!), score: scores[given]! };
      if (slots.length < count) return;
    }
  }

  /** The best `count` matches, from the last search when it found at least as many or all there are. */
  #search(count: number): TopSlots {
    const found = this.#found;
    if (found && (count <= this.#asked || found.slots.length < this.#asked)) return found;
    this.#asked = count;
    return (this.#found = this.#source.best(count));
  }
}
