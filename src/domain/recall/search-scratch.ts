/** Scratch arrays indexed by slot, zeroed between searches (`seen` is stamped with a generation instead). */
export class SearchScratch {
  score = new Float64Array(0);
  matched = new Uint32Array(0);
  /** Per slot, the `counts` of the groups it matched, summed: the factor its sum is multiplied by. */
  coordination = new Float64Array(0);
  group = new Uint32Array(0);
  seen = new Uint32Array(0);
  generation = 0;

  grow(slots: number): void {
    if (this.score.length >= slots) return;
    const size = Math.max(64, slots * 2);
    this.score = new Float64Array(size);
    this.matched = new Uint32Array(size);
    this.coordination = new Float64Array(size);
    this.group = new Uint32Array(size);
    this.seen = new Uint32Array(size);
    this.generation = 0;
  }
}
