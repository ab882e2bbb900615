/**
 * Words of the query held close together and in the query's order say more than the same words
 * scattered: "comit ofsets" wants "Commit Kafka offsets after …" before "Auto offset commit lost
 * messages". On the tuned part of npm run eval, a weight of 0.2–0.6 with a window of 2–5 words
 * moved typo hit@1 from 0.83 to 0.92 and changed no other figure (1.0 cost paraphrase hit@1).
 */
const PROXIMITY_WEIGHT = 0.4;
/** The second word of a pair may follow the first by at most this many words. */
const WINDOW = 3;

/** The most a memory's score can be multiplied by for proximity. */
export const PROXIMITY_BOUND = 1 + PROXIMITY_WEIGHT;

/**
 * Scores one query's words against memories' terms: the share of adjacent pairs of query words
 * whose second follows its first within WINDOW words. A memory's term counts for a query word
 * when it is the word, starts with it, or is one edit from it, as the search's prefix and typo
 * variants are (numbers only exactly).
 */
export class ProximityScorer {
  readonly #words: readonly string[];
  /** Per memory term seen, a bit per query word it counts for. */
  readonly #matches = new Map<string, number>();
  // Scratch for one memory, reused: a page's search scores hundreds.
  readonly #last: Float64Array;
  readonly #close: Uint8Array;

  constructor(words: readonly string[]) {
    // Bits of a 32-bit mask: a query's first 31 distinct words (a task's opening says what it is about).
    this.#words = [...new Set(words)].slice(0, 31);
    this.#last = new Float64Array(this.#words.length);
    this.#close = new Uint8Array(Math.max(0, this.#words.length - 1));
  }

  /** 1 + weight × share of close pairs: the factor a memory's score is multiplied by. */
  factor(terms: readonly string[]): number {
    const pairs = this.#words.length - 1;
    if (pairs < 1) return 1;
    // last[q]: the latest position where query word q was seen.
    const last = this.#last.fill(-Infinity);
    const close = this.#close.fill(0);
    let found = 0;
    for (let at = 0; at < terms.length; at++) {
      let mask = this.#maskOf(terms[at]!);
      while (mask !== 0) {
        const q = 31 - Math.clz32(mask & -mask);
        mask &= mask - 1;
        if (q > 0 && close[q - 1] === 0 && at > last[q - 1]! && at - last[q - 1]! <= WINDOW) {
          close[q - 1] = 1;
          found++;
        }
        last[q] = at;
      }
    }
    return 1 + (PROXIMITY_WEIGHT * found) / pairs;
  }

  #maskOf(term: string): number {
    let mask = this.#matches.get(term);
    if (mask === undefined) {
      mask = 0;
      for (let q = 0; q < this.#words.length; q++) if (counts(this.#words[q]!, term)) mask |= 1 << q;
      this.#matches.set(term, mask);
    }
    return mask;
  }
}
function counts(word: string, term: string): boolean {
  if (word === term) return true;
  if (/\d/.test(word)) return false;
  if (word.length >= 3 && term.startsWith(word)) return true;
  return word.length >= 5 && oneEdit(word, term);
}

/** Whether b is a from one insertion, deletion or substitution. */
function oneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
