/**
 * The documents (by slot) holding one term in one field, with how often each holds it, in two
 * typed arrays. Scoring walks them with a plain loop: a Map per term made every match a hash
 * iteration step and every posting an entry object, so a query over 100,000 memories spent its
 * time there and the garbage collector had millions of entries to trace. Order is not kept:
 * removal moves the last posting into the gap.
 */
export class PostingList {
  slots: Int32Array<ArrayBufferLike> = new Int32Array(4);
  frequencies: Uint32Array<ArrayBufferLike> = new Uint32Array(4);
  size = 0;
  /**
   * At least the highest frequency of any posting (a removal does not lower it): a top-k search
   * bounds what the term can add to a score from it, to skip documents that cannot make the page.
   */
  maxFrequency = 0;

  /** A list holding exactly these postings (views are taken as they are: adding copies them first once full). */
  static of(slots: Int32Array, frequencies: Uint32Array, maxFrequency: number): PostingList {
    const list = new PostingList();
    list.slots = slots;
    list.frequencies = frequencies;
    list.size = slots.length;
    list.maxFrequency = maxFrequency;
    return list;
  }

  /**
   * Counts one more occurrence in document `slot`. A document's words are added together, so an
   * earlier occurrence of the term in the same document is the last posting.
   */
  add(slot: number): void {
    const last = this.size - 1;
    if (last >= 0 && this.slots[last] === slot) {
      const frequency = ++this.frequencies[last]!;
      if (frequency > this.maxFrequency) this.maxFrequency = frequency;
      return;
    }
    if (this.maxFrequency === 0) this.maxFrequency = 1;
    if (this.size === this.slots.length) {
      const slots = new Int32Array(this.size * 2);
      slots.set(this.slots);
      this.slots = slots;
      const frequencies = new Uint32Array(this.size * 2);
      frequencies.set(this.frequencies);
      this.frequencies = frequencies;
    }
    this.slots[this.size] = slot;
    this.frequencies[this.size] = 1;
    this.size++;
  }

  /** Counts one occurrence less in document `slot`; the posting goes when none is left. */
  remove(slot: number): void {
    const at = this.slots.subarray(0, this.size).indexOf(slot);
    if (at < 0) return;
    if (this.frequencies[at]! > 1) {
      this.frequencies[at]!--;
      return;
    }
    const last = --this.size;
    this.slots[at] = this.slots[last]!;
    this.frequencies[at] = this.frequencies[last]!;
  }
}
