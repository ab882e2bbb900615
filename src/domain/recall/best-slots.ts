/** For equal scores: negative when slot a ranks before slot b. Never 0 for two different slots. */
export type TieBreak = (a: number, b: number) => number;

/** The best matches of a search, best first, and how many matched in all. */
export interface TopSlots {
  slots: number[];
  scores: number[];
  total: number;
}

/**
 * Keeps the best `count` of the (slot, score) pairs offered, ordered by score and then the tie
 * break, in a heap whose root is the worst kept: a page of 10 out of 9,000 matches costs one
 * comparison with the root for most of them, not a sort of all 9,000. With no bound on the
 * count every pair is kept and sorted once at the end.
 */
export class BestSlots {
  readonly #count: number;
  readonly #tieBreak: TieBreak;
  readonly #slots: number[] = [];
  readonly #scores: number[] = [];

  constructor(count: number, tieBreak: TieBreak) {
    this.#count = count;
    this.#tieBreak = tieBreak;
  }

  /** A score below this cannot be kept: the worst kept once `count` are kept, else -Infinity. */
  get floor(): number {
    return this.#count !== Infinity && this.#slots.length >= this.#count && this.#count > 0 ? this.#scores[0]! : -Infinity;
  }

  offer(slot: number, score: number): void {
    const slots = this.#slots;
    const scores = this.#scores;
    if (this.#count === Infinity) {
      slots.push(slot);
      scores.push(score);
      return;
    }
    if (slots.length < this.#count) {
      let at = slots.length;
      slots.push(slot);
      scores.push(score);
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.#before(scores[parent]!, slots[parent]!, score, slot)) break;
        slots[at] = slots[parent]!;
        scores[at] = scores[parent]!;
        at = parent;
      }
      slots[at] = slot;
      scores[at] = score;
    } else if (this.#count > 0 && this.#before(score, slot, scores[0]!, slots[0]!)) {
      this.#siftDown(slot, score);
    }
  }

  /** The pairs kept, best first. */
  sorted(total: number): TopSlots {
    const order = Array.from(this.#slots, (_, i) => i).sort((i, j) =>
      this.#before(this.#scores[i]!, this.#slots[i]!, this.#scores[j]!, this.#slots[j]!) ? -1 : 1,
    );
    return { slots: order.map((i) => this.#slots[i]!), scores: order.map((i) => this.#scores[i]!), total };
  }

  /** Whether (score a, slot a) ranks before (score b, slot b). */
  #before(scoreA: number, a: number, scoreB: number, b: number): boolean {
    return scoreA > scoreB || (scoreA === scoreB && this.#tieBreak(a, b) < 0);
  }

  /** Replaces the root (the worst kept) and restores the heap. */
  #siftDown(slot: number, score: number): void {
    const slots = this.#slots;
    const scores = this.#scores;
    const size = slots.length;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#before(scores[child]!, slots[child]!, scores[child + 1]!, slots[child + 1]!)) child++;
      if (!this.#before(score, slot, scores[child]!, slots[child]!)) break;
      slots[at] = slots[child]!;
      scores[at] = scores[child]!;
      at = child;
    }
    slots[at] = slot;
    scores[at] = score;
  }
}
