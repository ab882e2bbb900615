import { PostingList } from './posting-list.js';

/** How many phrases keep their postings between writes. */
const PHRASES_KEPT = 1_000;

/**
 * Per field, the documents holding every term of a phrase there, each as often as it holds the
 * one it holds least: a concept-table phrase ("out of memory") matched by all its words at once,
 * never by one of them alone. Worked out from the terms' postings on first use and kept until the
 * next write (`clear`), which may change any of them.
 */
export class PhrasePostings {
  readonly #kept = new Map<string, Array<PostingList | undefined> | null>();

  constructor(
    readonly postingsOf: (term: string) => ReadonlyArray<PostingList | undefined> | undefined,
    readonly fields: number,
  ) {}

  /** The phrase's postings by field, or undefined when no document holds them all. */
  of(terms: readonly string[]): Array<PostingList | undefined> | undefined {
    const key = terms.join(' ');
    let postings = this.#kept.get(key);
    if (postings === undefined) {
      if (this.#kept.size >= PHRASES_KEPT) this.#kept.clear();
      this.#kept.set(key, (postings = this.#intersect(terms)));
    }
    return postings ?? undefined;
  }

  clear(): void {
    this.#kept.clear();
  }

  #intersect(terms: readonly string[]): Array<PostingList | undefined> | null {
    const each = terms.map((term) => this.postingsOf(term));
    const postings: Array<PostingList | undefined> = [];
    let any = false;
    for (let field = 0; field < this.fields; field++) {
      const lists = each.map((termPostings) => termPostings?.[field]);
      if (lists.some((docs) => docs === undefined || docs.size === 0)) continue;
      const docs = intersect(lists as PostingList[]);
      if (docs.size === 0) continue;
      postings[field] = docs;
      any = true;
    }
    return any ? postings : null;
  }
}

/** The documents every list holds, each with the lowest of its frequencies. */
function intersect(lists: readonly PostingList[]): PostingList {
  const [smallest, ...others] = [...lists].sort((a, b) => a.size - b.size);
  let frequencyOf = new Map<number, number>();
  for (let i = 0; i < smallest!.size; i++) frequencyOf.set(smallest!.slots[i]!, smallest!.frequencies[i]!);
  for (const list of others) {
    const kept = new Map<number, number>();
    for (let i = 0; i < list.size && kept.size < frequencyOf.size; i++) {
      const frequency = frequencyOf.get(list.slots[i]!);
      if (frequency !== undefined) kept.set(list.slots[i]!, Math.min(frequency, list.frequencies[i]!));
    }
    frequencyOf = kept;
  }
  const slots = new Int32Array(frequencyOf.size);
  const frequencies = new Uint32Array(frequencyOf.size);
  let at = 0;
  let highest = 0;
  for (const [slot, frequency] of frequencyOf) {
    slots[at] = slot;
    frequencies[at++] = frequency;
    if (frequency > highest) highest = frequency;
  }
  return PostingList.of(slots, frequencies, highest);
}
